/**
 * The deployable app, synthesized for real: every function bundled by the local esbuild (no Docker), PDF fonts
 * shipped beside the bundles that render notices, and cdk-nag's AwsSolutions pack passing with no finding left
 * unacknowledged. Plus a control: an unacknowledged finding does fail the synth, so "passing" means something.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.js';
import { type FunctionName, functions } from '../../shared/wiring.js';

const FONT_FILES = ['NotoSansHans-Regular.otf', 'NotoSansHans-Bold.otf'];

describe('the deployable app', () => {
  it('bundles every function and passes cdk-nag AwsSolutions', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'supervision-nag-'));
    const { app, stack } = buildApp({ outdir });

    // synth throws on any violation a validation plugin reports
    const assembly = app.synth();

    const report = JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8')) as {
      pluginReports: Array<{ violations?: unknown[] }>;
    };
    expect(report.pluginReports.flatMap((plugin) => plugin.violations ?? [])).toEqual([]);

    for (const name of Object.keys(functions) as FunctionName[]) {
      // the function's code asset, staged (bundled) inside the cloud assembly
      const code = stack.functions.get(name)!.node.findChild('Code') as Asset;
      const bundle = join(assembly.directory, code.assetPath);
      expect(existsSync(join(bundle, 'index.mjs')), `${name} is bundled`).toBe(true);
      for (const font of FONT_FILES) {
        const shipped = existsSync(join(bundle, 'fonts', font));
        expect(shipped, `${name} ships ${font}`).toBe(Boolean((functions[name] as { fonts?: boolean }).fonts));
      }
    }
  });

  it('fails the synth on an unacknowledged finding', () => {
    const { app, stack } = buildApp({
      context: { 'aws:cdk:bundling-stacks': [] },
      outdir: mkdtempSync(join(tmpdir(), 'supervision-nag-control-')),
    });
    new Bucket(stack, 'Careless');
    expect(() => app.synth()).toThrow(/AwsSolutions-S10/);
  });
});
