/**
 * Every cdk-nag acknowledgement names a finding that exists where it is placed. An acknowledgement on a construct
 * covers that construct and everything under it, so one placed too high, or left behind after the grant it excused
 * was narrowed, would silently cover findings it does not describe (the security review found one covering roles it
 * did not describe). Here the AwsSolutions pack runs with acknowledgements ignored, and each acknowledgement must
 * match a raw finding of its rule on a resource at or under its construct; IAM5 wildcard acknowledgements must sit
 * on the one role whose policy has the wildcard.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.js';

interface Acknowledgement {
  path: string;
  ruleId: string;
  reason: string;
}

interface Finding {
  ruleId: string;
  path: string;
}

let acknowledgements: Acknowledgement[] = [];
let findings: Finding[] = [];

/** Every acknowledgement in the tree: the construct it is on, the rule id, the reason. */
function acknowledgementsUnder(root: IConstruct): Acknowledgement[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY && entry.data)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          ruleId: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

/** What the AwsSolutions pack reports when no acknowledgement counts. */
function rawFindings(root: IConstruct): Finding[] {
  const checks = new AwsSolutionsChecks();
  // the pack's own acknowledgement lookup, turned off for this run only
  (checks as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
  const report = checks.validateScope(root);
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => ({
      ruleId: violation.ruleName,
      path: resource.constructPath ?? '',
    })),
  );
}

beforeAll(() => {
  const { app } = buildApp({
    nag: false,
    context: { 'aws:cdk:bundling-stacks': [] },
    outdir: mkdtempSync(join(tmpdir(), 'supervision-acknowledgements-')),
  });
  // aspects and lazy values are resolved by a synth; the pack then walks the same tree the real synth validates
  app.synth();
  acknowledgements = acknowledgementsUnder(app);
  findings = rawFindings(app);
});

describe('cdk-nag acknowledgements', () => {
  it('there are findings and acknowledgements to compare (the run is not empty)', () => {
    expect(findings.length).toBeGreaterThan(10);
    expect(acknowledgements.length).toBeGreaterThan(10);
  });

  it('each names a finding that exists at or under the construct it is on', () => {
    const unused = acknowledgements.filter(
      (ack) =>
        !findings.some(
          (finding) =>
            finding.ruleId === ack.ruleId && (finding.path === ack.path || finding.path.startsWith(`${ack.path}/`)),
        ),
    );
    expect(unused.map((ack) => `${ack.path}: ${ack.ruleId}`)).toEqual([]);
  });

  it('each IAM5 wildcard acknowledgement sits on exactly one role (never on a scope spanning several)', () => {
    for (const ack of acknowledgements.filter((candidate) => candidate.ruleId.startsWith('AwsSolutions-IAM5['))) {
      const covered = new Set(
        findings
          .filter(
            (finding) =>
              finding.ruleId === ack.ruleId && (finding.path === ack.path || finding.path.startsWith(`${ack.path}/`)),
          )
          // a role's findings are on its policies: `<role>/DefaultPolicy/Resource` or `<role>/Resource`
          .map((finding) => finding.path.replace(/\/(DefaultPolicy\/)?Resource$/, '')),
      );
      expect([...covered], `${ack.path}: ${ack.ruleId}`).toHaveLength(1);
    }
  });

  it('each reason says something of its own (no shared boilerplate across different findings)', () => {
    for (const ack of acknowledgements) expect(ack.reason.length, `${ack.path}: ${ack.ruleId}`).toBeGreaterThan(40);
    const byReason = new Map<string, Set<string>>();
    for (const ack of acknowledgements) {
      byReason.set(ack.reason, (byReason.get(ack.reason) ?? new Set()).add(ack.ruleId.replace(/\[.*$/, '')));
    }
    // one reason may serve one rule on several constructs (the same runtime pin on every function), never two rules
    for (const [reason, rules] of byReason) expect([...rules], reason).toHaveLength(1);
  });
});
