/**
 * Reading the quarterly rankings (SPEC §6.4): a quarter's revision with its lists, the quarters ranked, and — for
 * the credit lookup of tender platforms (SPEC §6.6 `ranks`) — an enterprise's ranks as they stood on a day.
 *
 * A revision's lists live in pages (`RANKLIST#{runId}#{list}#{page}`, each ≤ 400 KB) written by the run that
 * computed them; a revision names its run. An enterprise's entries are also written to its own partition
 * (`ENTERPRISE#{creditCode}` / `RANK#{quarter}#{runId}#{role}`), so its standing is read without the lists.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Grade } from '../domain/assessment/scoring.js';
import type { RankedUnitRole } from '../domain/ranking.js';
import { publicationOn, type RankingHeadState, type RankingPublication } from '../domain/ranking-revisions.js';
import { dynamo, TABLE_NAME } from '../store/client.js';
import { keys } from '../store/keys.js';
import { readItems } from '../store/project-collection.js';

/** An enterprise's rank in one role's list, as the credit lookup shows it (SPEC §6.6 `ranks[]`). */
export interface EnterpriseRank {
  role: RankedUnitRole;
  quarter: string;
  revision: number;
  rank: number;
  of: number;
  score: number;
  grade: Grade;
  rankPoints: number;
  /** its ranked projects in that role */
  projects: number;
  publishedOn: string;
}

/** The stored entry of an enterprise in one role's list of one run. */
export interface EnterpriseRankItem {
  creditCode: string;
  name: string;
  quarter: string;
  runId: string;
  role: RankedUnitRole;
  rank: number;
  of: number;
  score: number;
  grade: Grade;
  rankPoints: number;
  projects: number;
}

/** Quarters' heads, read together (a few a year per enterprise). */
export async function readRankingHeads(quarters: readonly string[]): Promise<Map<string, RankingHeadState>> {
  const items = await readItems(quarters.map((quarter) => keys.rankingHead(quarter)));
  return new Map(items.map((item) => [String(item.quarter), item as unknown as RankingHeadState]));
}

/**
 * An enterprise's ranks as they stood on `date` (SPEC §6.6: "latest published ranking per role"): for each role, its
 * entry in the most recent quarter whose ranking — the revision published by that day; a later correction counts
 * from its own publication — lists it in that role. Empty when no published ranking lists it.
 */
export async function latestPublishedRanks(creditCode: string, date: string): Promise<EnterpriseRank[]> {
  const items: EnterpriseRankItem[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rank)',
        ExpressionAttributeValues: { ':pk': keys.enterprisePartition(creditCode), ':rank': 'RANK#' },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...((page.Items ?? []) as unknown as EnterpriseRankItem[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  if (!items.length) return [];
  const heads = await readRankingHeads(items.map((item) => item.quarter));
  const standing = new Map<string, RankingPublication>();
  for (const [quarter, head] of heads) {
    const publication = publicationOn(head.publications ?? [], date);
    if (publication) standing.set(quarter, publication);
  }
  const byRole = new Map<RankedUnitRole, EnterpriseRank>();
  for (const item of items) {
    const publication = standing.get(item.quarter);
    if (!publication || publication.runId !== item.runId) continue;
    const known = byRole.get(item.role);
    if (known && known.quarter >= item.quarter) continue;
    byRole.set(item.role, {
      role: item.role,
      quarter: item.quarter,
      revision: publication.revision,
      rank: item.rank,
      of: item.of,
      score: item.score,
      grade: item.grade,
      rankPoints: item.rankPoints,
      projects: item.projects,
      publishedOn: publication.publishedOn,
    });
  }
  const order: RankedUnitRole[] = ['general_contractor', 'supervisor', 'developer'];
  return [...byRole.values()].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
}
