import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Starts `webhook-receiver.ts` in a process of its own, and talks to it. */
export interface ReceiverProcess {
  url: string;
  setSecrets(endpoint: string, secrets: string[]): Promise<void>;
  failFirst(endpoint: string, type: string, times: number): Promise<void>;
  received(): Promise<
    {
      endpoint: string;
      id: string;
      timestamp: number;
      type: string;
      requestId: string | null;
      signatureCount: number;
      isVerified: boolean;
      isVerifiedBySpec: boolean;
      answered: number;
      body: string;
    }[]
  >;
  stop(): Promise<void>;
}

export async function startReceiverProcess(): Promise<ReceiverProcess> {
  const script = fileURLToPath(new URL('./webhook-receiver.ts', import.meta.url));
  // Started directly (not through npx), so that its pid is the server's own.
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const found = /listening (\d+)/.exec(output);
      if (found?.[1]) resolve(Number(found[1]));
    });
    child.once('exit', (code) => reject(new Error(`receiver exited (${code})`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${url}${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`receiver ${path}: ${response.status}`);
  };
  return {
    url,
    setSecrets: (endpoint, secrets) => post(`/secrets/${endpoint}`, { secrets }),
    failFirst: (endpoint, type, times) => post(`/fail/${endpoint}`, { type, times }),
    async received() {
      const response = await fetch(`${url}/received`);
      return (await response.json()) as Awaited<ReturnType<ReceiverProcess['received']>>;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
