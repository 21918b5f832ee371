import { z } from 'zod';
import { Timestamp } from './common.js';

export const ChatMode = z.enum(['ask', 'agent']);
/** `ask` runs read-only tools; `agent` may run writes after a person approves. */
export type ChatMode = z.infer<typeof ChatMode>;

export const ChatSession = z.object({
  id: z.string(),
  tenantId: z.string(),
  incidentId: z.string(),
  mode: ChatMode,
  status: z.enum(['idle', 'running', 'awaiting_approval', 'failed']),
  title: z.string().default(''),
  createdBy: z.string().nullable().default(null),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ChatSession = z.infer<typeof ChatSession>;

/** A write command waiting for (or decided by) a person. */
export const Approval = z.object({
  id: z.string(),
  tool: z.string(),
  args: z.array(z.string()),
  command: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'denied']),
  decidedBy: z.string().nullable().default(null),
  decidedAt: Timestamp.nullable().default(null),
});
export type Approval = z.infer<typeof Approval>;

export const ChatMessage = z.object({
  id: z.string(),
  tenantId: z.string(),
  sessionId: z.string(),
  seq: z.number().int().positive(),
  role: z.enum(['user', 'assistant', 'tool', 'system']),
  content: z.string(),
  status: z.enum(['streaming', 'complete', 'failed']).default('complete'),
  /** Citation keys this message cites. */
  citationKeys: z.array(z.string()).default([]),
  approval: Approval.nullable().default(null),
  createdBy: z.string().nullable().default(null),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ChatMessage = z.infer<typeof ChatMessage>;
export type ChatMessageDraft = Omit<z.input<typeof ChatMessage>, 'id' | 'seq' | 'tenantId' | 'sessionId'>;
