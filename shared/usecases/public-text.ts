/**
 * What a project's free text may show the public (SPEC §2.5): the same masking as a circular's body — the names of
 * persons known from the project masked to their surname (张*), resident ID and telephone numbers removed — while the
 * units' unified social credit codes, public by law, stay as they are. Used wherever an officer's or an inspector's
 * words become public: the circular's draft, a retraction's reason and its correction.
 */
import { publicText } from '../domain/circular-text.js';
import type { ProjectSnapshot } from '../store/snapshot.js';

/**
 * The persons the project knows by name: its key persons (项目经理, 总监理工程师) and every inspector of its inspections.
 * A free text that quotes one of them shows the surname only.
 */
export function knownPersonNames(snapshot: Pick<ProjectSnapshot, 'project' | 'inspections'>): string[] {
  return [
    ...(snapshot.project.persons ?? []).map((person) => person.name),
    ...snapshot.inspections.flatMap((inspection) => inspection.inspectors),
  ];
}

/** The project's text made fit for publication: known names masked, ID and phone numbers removed, credit codes kept. */
export function projectPublicText(
  snapshot: Pick<ProjectSnapshot, 'project' | 'inspections'>,
): (text: string) => string {
  const names = knownPersonNames(snapshot);
  const codes = snapshot.project.units.map((unit) => unit.creditCode);
  return (text) => publicText(text, names, codes);
}
