import { z } from 'zod';
import { Timestamp } from './common.js';

export const TimelineEntry = z.object({
  at: Timestamp,
  kind: z.enum(['alert', 'resolved', 'thought', 'citation', 'status', 'change', 'note']),
  text: z.string(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const PostmortemSections = z.object({
  summary: z.string(),
  timeline: z.array(TimelineEntry),
  rootCause: z.string(),
  impact: z.string(),
  contributingFactors: z.array(z.string()),
  resolution: z.string(),
  actionItems: z.array(z.string()),
  lessons: z.array(z.string()),
});
export type PostmortemSections = z.infer<typeof PostmortemSections>;

/** One version of an incident's postmortem. Each save adds a version. */
export const Postmortem = z.object({
  id: z.string(),
  tenantId: z.string(),
  incidentId: z.string(),
  version: z.number().int().positive(),
  sections: PostmortemSections,
  markdown: z.string(),
  generatedBy: z.enum(['model', 'rules', 'person']),
  createdAt: Timestamp,
});
export type Postmortem = z.infer<typeof Postmortem>;
export type PostmortemDraft = Pick<Postmortem, 'sections' | 'markdown' | 'generatedBy' | 'createdAt'>;
