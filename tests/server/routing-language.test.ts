import { describe, expect, it } from 'vitest';
import { chooseAgent, type AgentCandidate } from '../../server/routing/choose-agent.js';

const agent = (id: string, skills: string[], load = 0): AgentCandidate => ({
  id,
  skills,
  online: true,
  withinHours: true,
  load,
  maxConcurrent: 3,
  lastAssignedAt: null,
});
const request = { skill: 'billing', previousAssigneeId: null, waitedSeconds: 0, exclude: [] };

describe('routing by language skill', () => {
  const agents = [
    agent('ben', ['billing']),
    agent('lena', ['billing', 'lang:de'], 2),
    agent('jo', ['technical', 'lang:de']),
  ];

  it('prefers a skilled agent who speaks the visitor language, even a busier one', () => {
    expect(chooseAgent({ ...request, language: 'de' }, agents)).toEqual({
      agentId: 'lena',
      why: 'least_loaded_skilled',
    });
  });

  it('takes a speaker of the language over a skilled agent who does not speak it', () => {
    const noSkilledSpeaker = [agent('ben', ['billing']), agent('jo', ['technical', 'lang:de'])];
    expect(chooseAgent({ ...request, language: 'de' }, noSkilledSpeaker)).toEqual({
      agentId: 'jo',
      why: 'speaks_language',
    });
  });

  it('routes as before for English and when nobody speaks the language', () => {
    expect(chooseAgent({ ...request, language: 'en' }, agents)!.agentId).toBe('ben');
    expect(chooseAgent({ ...request, language: 'es' }, agents)!.agentId).toBe('ben');
  });
});
