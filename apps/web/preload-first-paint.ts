import type { Plugin } from 'vite';

/**
 * A `modulepreload` in index.html for French's first paint (`lib/i18n/first-paint.fr.ts`,
 * decision 0038): the app imports it once its entry is evaluated, and without the hint the
 * browser would only then ask for it, after the page's own chunk, and React would wait for it.
 * French is the default language and the one most visitors read; an English visitor loads it
 * too (~10 KB gzip) and English's first paint once the entry runs.
 */
export function preloadFirstPaint(): Plugin {
  return {
    name: 'guichet-preload-first-paint',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunk = Object.values(context.bundle ?? {}).find(
          (output) =>
            output.type === 'chunk' &&
            output.facadeModuleId?.endsWith('/src/lib/i18n/first-paint.fr.ts') === true,
        );
        if (!chunk) throw new Error('no chunk for lib/i18n/first-paint.fr.ts');
        return [
          {
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: '', href: `/${chunk.fileName}` },
            injectTo: 'head',
          },
        ];
      },
    },
  };
}
