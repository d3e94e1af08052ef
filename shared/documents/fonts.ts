/**
 * Where the Chinese font of the notice documents comes from. The notices must embed a font with the CJK glyphs
 * (Noto Sans Hans, from `@embedpdf/fonts-sc`); pdfkit's own standard fonts have none, and their AFM files are not
 * reachable once the code is bundled. The font files are large (~8 MB each), so they are read once per process,
 * lazily at the first render (never at import: functions that never render must not pay for them).
 */
import { access, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';

/** The environment variable that, when set, names the directory holding the font files (and nothing else is tried). */
export const FONT_DIR_ENV = 'DOCUMENT_FONT_DIR';

/** The file names looked for in every candidate directory; the CDK bundling copies these two beside the handler. */
export const FONT_FILES = {
  regular: 'NotoSansHans-Regular.otf',
  bold: 'NotoSansHans-Bold.otf',
} as const;

/**
 * The parsed fonts, as pdfkit takes them (`doc.registerFont(name, font)` accepts a fontkit font). Parsing an 8 MB
 * CJK font decodes large tables; doing it once per process instead of once per document makes a render ~10× cheaper.
 */
export interface NoticeFonts {
  regular: fontkit.Font;
  bold: fontkit.Font;
}

/**
 * The directories to try, best first: `DOCUMENT_FONT_DIR` alone when set (a wrong setting must fail, not fall back
 * silently); else `fonts/` beside the running module (the bundled Lambda handler: `/var/task/index.mjs` →
 * `/var/task/fonts`), under `LAMBDA_TASK_ROOT` and under the working directory; else the npm package's own `fonts/`
 * (unbundled code: tests, the local twin).
 */
export function fontDirectoryCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const configured = env[FONT_DIR_ENV]?.trim();
  if (configured) return [resolve(configured)];
  const candidates = [join(dirname(fileURLToPath(import.meta.url)), 'fonts')];
  const taskRoot = env.LAMBDA_TASK_ROOT?.trim();
  if (taskRoot) candidates.push(join(taskRoot, 'fonts'));
  candidates.push(join(process.cwd(), 'fonts'));
  const packageDir = fontPackageDirectory();
  if (packageDir) candidates.push(packageDir);
  return [...new Set(candidates)];
}

/**
 * The package's `exports` map does not expose its `fonts/` folder, so resolve its main entry (`dist/index.cjs`) and
 * step over to `../fonts`. In a bundle there is no `node_modules`: then there is no package directory.
 */
function fontPackageDirectory(): string | undefined {
  try {
    const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
    return join(dirname(entry), '..', 'fonts');
  } catch {
    return undefined;
  }
}

async function holdsFonts(directory: string): Promise<boolean> {
  try {
    await Promise.all(Object.values(FONT_FILES).map((file) => access(join(directory, file))));
    return true;
  } catch {
    return false;
  }
}

/** The first candidate directory that holds both font files; throws naming every directory tried. */
export async function resolveFontDirectory(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const candidates = fontDirectoryCandidates(env);
  for (const directory of candidates) {
    if (await holdsFonts(directory)) return directory;
  }
  throw new Error(
    `Notice fonts not found: none of [${candidates.join(', ')}] holds ${Object.values(FONT_FILES).join(' and ')}` +
      ` (set ${FONT_DIR_ENV} or ship them in fonts/ beside the handler)`,
  );
}

function parseFont(bytes: Buffer): fontkit.Font {
  const font = fontkit.create(bytes);
  if (!('layout' in font)) throw new Error('expected a single font, not a font collection');
  return font;
}

let loading: Promise<NoticeFonts> | undefined;

/**
 * The font bytes, read at the first call and shared by every later render in the process. A failed read is not
 * cached, so a later call tries again.
 */
export function loadNoticeFonts(): Promise<NoticeFonts> {
  if (!loading) {
    loading = (async () => {
      const directory = await resolveFontDirectory();
      const [regular, bold] = await Promise.all([
        readFile(join(directory, FONT_FILES.regular)),
        readFile(join(directory, FONT_FILES.bold)),
      ]);
      return { regular: parseFont(regular), bold: parseFont(bold) };
    })();
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}
