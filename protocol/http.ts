import { z } from 'zod';
import { LIMITS } from './limits.js';
import { ConversationStatus, UserRole } from './domain.js';

export const LoginBody = z.object({
  email: z.string().trim().toLowerCase().email().max(LIMITS.email),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const ArticleBody = z.object({
  title: z.string().trim().min(1).max(LIMITS.articleTitle),
  body: z.string().trim().min(1, 'article body is empty').max(LIMITS.articleBody),
  format: z.enum(['markdown', 'html', 'text']).default('markdown'),
  url: z.string().max(LIMITS.pageUrl).optional(),
  pages: z.array(z.string().min(1).max(300)).max(100).default([]),
  tags: z.array(z.string().min(1).max(100)).max(100).default([]),
});
export type ArticleBody = z.infer<typeof ArticleBody>;

export const SearchBody = z.object({
  query: z.string().trim().min(1).max(LIMITS.searchQuery),
  pageUrl: z.string().max(LIMITS.pageUrl).optional(),
  k: z.number().int().min(1).max(50).default(5),
});
export type SearchBody = z.infer<typeof SearchBody>;

export const AgentBody = z.object({
  email: z.string().trim().toLowerCase().email().max(LIMITS.email),
  name: z.string().trim().min(1).max(200),
  password: z.string().min(8, 'password must be at least 8 characters').max(200),
  role: UserRole.default('agent'),
  skills: z.array(z.string().min(1).max(100)).max(100).default([]),
  maxConcurrent: z.number().int().min(1).max(100).default(5),
});
export type AgentBody = z.infer<typeof AgentBody>;

export const ConversationsQuery = z.object({ status: ConversationStatus.optional() });

export const MetricsQuery = z.object({
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
});
