/**
 * The report as a SARIF 2.1.0 log (`agov scan --format sarif`) in the subset GitHub code scanning
 * accepts: rule descriptors with help and `security-severity`, results with relative `%SRCROOT%`
 * locations, related locations, in-source suppressions and fingerprints that survive line shifts.
 */

import { createHash } from 'node:crypto';
import type * as Sarif from 'sarif';
import { markdownText, markdownUrl } from './escape';
import type { Report, ReportFinding, ReportLocation } from './report';
import { ruleDocUrl, type RuleMeta } from '../rules/meta';
import { compareFindings } from './text';

/** The final OASIS SARIF 2.1.0 schema (with errata 01). */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The project's home page, as in package.json `homepage`. */
const INFORMATION_URI = 'https://github.com/agent-governance/agent-governance';

/**
 * Our own `partialFingerprints` key. `primaryLocationLineHash` is GitHub's, recomputed from file
 * content by its upload action, so it must not be set here.
 */
export const FINGERPRINT_KEY = 'agentGovernance/v1';

const SRCROOT = '%SRCROOT%';

const LEVEL: Record<ReportFinding['severity'], Sarif.ReportingConfiguration.level> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

export function renderSarif(report: Report, rules: RuleMeta[], opts: { toolVersion: string }): Sarif.Log {
  const descriptors = rules.map(ruleDescriptor);
  const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
  // A finding of a rule missing from `rules` still needs a descriptor for ruleIndex to point at.
  for (const finding of report.findings) {
    if (!ruleIndex.has(finding.ruleId)) {
      ruleIndex.set(finding.ruleId, descriptors.length);
      descriptors.push({ id: finding.ruleId, helpUri: ruleDocUrl(finding.ruleId) });
    }
  }
  const findings = [...report.findings].sort(compareFindings);
  const fingerprints = fingerprintAll(findings);
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'agent-governance',
            informationUri: INFORMATION_URI,
            version: opts.toolVersion,
            semanticVersion: opts.toolVersion,
            rules: descriptors,
          },
        },
        columnKind: 'utf16CodeUnits',
        results: findings.map((finding, i) => result(finding, ruleIndex.get(finding.ruleId)!, fingerprints[i])),
      },
    ],
  };
}

function ruleDescriptor(rule: RuleMeta): Sarif.ReportingDescriptor {
  const url = ruleDocUrl(rule.id);
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.summary },
    fullDescription: { text: `${rule.summary} Reported at ${rule.reportedAt}.` },
    helpUri: url,
    help: {
      text: [
        rule.summary,
        `Reported at: ${rule.reportedAt}.`,
        rule.standards.length > 0 && `Standards:\n${rule.standards.map((standard) => `- ${standard}`).join('\n')}`,
        `Documentation: ${url}`,
      ]
        .filter(Boolean)
        .join('\n\n'),
      markdown: [
        `**${markdownText(`${rule.id} ${rule.name}`)}**: ${markdownText(rule.summary)}`,
        `Reported at: ${markdownText(rule.reportedAt)}.`,
        rule.standards.length > 0 && `Standards:\n\n${rule.standards.map((standard) => `- ${markdownText(standard)}`).join('\n')}`,
        `[Rule documentation](${markdownUrl(url)})`,
      ]
        .filter(Boolean)
        .join('\n\n'),
    },
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    properties: {
      // SARIF requires unique tags.
      tags: [...new Set(['security', 'agent-governance', ...rule.standards.map(standardTag)])],
      'security-severity': rule.securitySeverity.toFixed(1),
      // Every rule reads resolved imports and data flow rather than names, hence "high"; RuleMeta has no
      // per-rule precision yet.
      precision: 'high',
    },
  };
}

/**
 * A short tag for a standard mapping: `OWASP NHI Top 10 2025: NHI5 Overprivileged NHI` → `NHI5`, so
 * code scanning can filter by it; the full text is in the rule's help.
 */
function standardTag(standard: string): string {
  return /:\s*([A-Z]+\d+)\b/.exec(standard)?.[1] ?? standard;
}

function result(finding: ReportFinding, ruleIndex: number, fingerprint: string): Sarif.Result {
  const sarifResult: Sarif.Result = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: physicalLocation(finding.location) }],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
  };
  if (finding.related && finding.related.length > 0) {
    sarifResult.relatedLocations = finding.related.map((info, i) => ({
      id: i,
      physicalLocation: physicalLocation(info.location),
      message: { text: info.message },
    }));
  }
  if (finding.suppressed) {
    const suppression: Sarif.Suppression = { kind: 'inSource' };
    if (finding.suppressionReason) suppression.justification = finding.suppressionReason;
    sarifResult.suppressions = [suppression];
  }
  if (finding.agent !== null) sarifResult.properties = { agent: finding.agent };
  return sarifResult;
}

function physicalLocation(location: ReportLocation): Sarif.PhysicalLocation {
  const startLine = Math.max(1, location.line);
  const startColumn = Math.max(1, location.column);
  const region: Sarif.Region = { startLine, startColumn };
  // An end before the start would be rejected; a region without an end is still a valid point.
  if (location.endLine !== undefined && location.endColumn !== undefined) {
    const endsAfterStart = location.endLine > startLine || (location.endLine === startLine && location.endColumn >= startColumn);
    if (endsAfterStart) {
      region.endLine = location.endLine;
      region.endColumn = location.endColumn;
    }
  }
  return { artifactLocation: { uri: artifactUri(location.file), uriBaseId: SRCROOT }, region };
}

/**
 * A relative URI reference for a report path: forward slashes, no leading `./`, and each segment
 * percent-encoded so spaces, `#`, `%` or a `:` in the first segment cannot change its meaning.
 */
export function artifactUri(file: string): string {
  return file
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/**
 * What identifies a finding across runs: rule, file, agent and the message with positions taken out.
 * Never the line, so code added above a finding does not make it a new alert.
 */
function fingerprintBasis(finding: ReportFinding): string {
  return [finding.ruleId, artifactUri(finding.location.file), finding.agent ?? '', normalizeMessage(finding.message)].join('\u0000');
}

/** Collapses whitespace and replaces line/column references that a message may quote. */
export function normalizeMessage(message: string): string {
  return message
    .replace(/\b(line|column|col)\s+\d+/gi, '$1 #')
    .replace(/:\d+(?::\d+)?\b/g, ':#')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Findings with the same basis (the same rule flagging two places of one agent with the same message)
 * are told apart by their order in the file, as GitHub's own fingerprints do.
 */
function fingerprintAll(findings: ReportFinding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const hash = createHash('sha256').update(fingerprintBasis(finding)).digest('hex').slice(0, 32);
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  });
}
