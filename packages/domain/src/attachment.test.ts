import { describe, expect, it } from 'vitest';
import {
  attachmentMaxBytes,
  cleanFileName,
  contentProblem,
  declaredTypeProblem,
} from './attachment.ts';

const bytes = (...values: number[]) => new Uint8Array(values);
const pdf = bytes(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31);
const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0);
const jpeg = bytes(0xff, 0xd8, 0xff, 0xe0);
const zip = bytes(0x50, 0x4b, 0x03, 0x04, 1);
const text = new TextEncoder().encode('quota;valeur\ninstances;30\n');

describe('declaredTypeProblem', () => {
  it.each([
    ['devis.pdf', 'application/pdf', null],
    ['DEVIS.PDF', 'application/pdf', null],
    ['capture.png', 'image/png', null],
    ['photo.jpeg', 'image/jpeg', null],
    ['photo.JPG', 'image/jpeg', null],
    ['notes.txt', 'text/plain', null],
    ['server.log', 'text/plain', null],
    ['quotas.csv', 'text/csv', null],
    ['inventaire.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', null],
    ['script.sh', 'application/x-sh', 'unsupported_type'],
    ['page.html', 'text/html', 'unsupported_type'],
    ['image.svg', 'image/svg+xml', 'unsupported_type'],
    ['devis.exe', 'application/pdf', 'unsupported_type'],
    ['devis', 'application/pdf', 'unsupported_type'],
    ['capture.pdf', 'image/png', 'unsupported_type'],
  ])('%s as %s → %s', (name, type, expected) => {
    expect(declaredTypeProblem(name, type)).toBe(expected);
  });
});

describe('contentProblem', () => {
  it.each([
    ['application/pdf', pdf, null],
    ['image/png', png, null],
    ['image/jpeg', jpeg, null],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', zip, null],
    ['text/csv', text, null],
    ['text/plain', text, null],
    ['application/pdf', png, 'content_mismatch'],
    ['image/png', pdf, 'content_mismatch'],
    ['image/jpeg', text, 'content_mismatch'],
    ['text/plain', bytes(0x41, 0, 0x42), 'content_mismatch'],
    ['application/pdf', bytes(), 'empty'],
  ])('%s with %j → %s', (type, content, expected) => {
    expect(contentProblem(type, content)).toBe(expected);
  });

  it('refuses more than 10 MB and accepts exactly 10 MB', () => {
    const limit = new Uint8Array(attachmentMaxBytes);
    limit.set(pdf);
    expect(contentProblem('application/pdf', limit)).toBe(null);
    const over = new Uint8Array(attachmentMaxBytes + 1);
    over.set(pdf);
    expect(contentProblem('application/pdf', over)).toBe('too_large');
  });
});

describe('cleanFileName', () => {
  it.each([
    ['devis.pdf', 'devis.pdf'],
    ['C:\\Users\\me\\devis.pdf', 'devis.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['  spaced name.txt  ', 'spaced name.txt'],
    ['bad\u0000name\u001f.txt', 'badname.txt'],
    ['quo"ted.pdf', 'quoted.pdf'],
    ['', 'fichier'],
    ['..', 'fichier'],
    ['folder/', 'fichier'],
  ])('%j → %j', (input, expected) => {
    expect(cleanFileName(input)).toBe(expected);
  });

  it('shortens long names to 200 characters, keeping the extension', () => {
    const cleaned = cleanFileName(`${'a'.repeat(300)}.pdf`);
    expect(cleaned).toHaveLength(200);
    expect(cleaned.endsWith('.pdf')).toBe(true);
  });
});
