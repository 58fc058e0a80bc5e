import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../runtime/config.js';
import { closeServer, listen } from '../../runtime/lifecycle.js';

describe('configuration', () => {
  it('with nothing set runs embedded, in demo mode, with the standard regrade deadlines', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.temporal.address).toBeUndefined();
    expect(config.demo).toBe(true);
    expect(config.port).toBe(3000);
    expect(config.regrade).toEqual({ decisionDue: { workingDays: 3 }, remindAfter: { workingDays: 2 }, headApprovalAbove: 2 });
  });

  it('an external database means no demo data and a required secret', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgresql://db/x' })).toThrow(ConfigError);
    const config = loadConfig({ DATABASE_URL: 'postgresql://db/x', DUTYFLOW_SECRET: 'a-long-enough-secret' });
    expect(config.demo).toBe(false);
  });

  it('listens on 127.0.0.1 in demo mode, whose accounts are public, unless HOST says otherwise', async () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/x', DUTYFLOW_SECRET: 'a-long-enough-secret' }).host).toBeUndefined();
    const server = await listen(express(), 0, loadConfig({}).host);
    try {
      expect((server.address() as AddressInfo).address).toBe('127.0.0.1');
    } finally {
      await closeServer(server);
    }
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DUTYFLOW_REGRADE_DECISION_DUE: 'soon' })).toThrow(/DUTYFLOW_REGRADE_DECISION_DUE/);
  });

  it('counts periodic 督办 feedback in natural days, or a shorter unit for trials; never working days or zero', () => {
    expect(loadConfig({}).assignment.feedbackDay).toEqual({ days: 1 });
    expect(loadConfig({ DUTYFLOW_ASSIGNMENT_FEEDBACK_DAY: '2s' }).assignment.feedbackDay).toEqual({ seconds: 2 });
    expect(() => loadConfig({ DUTYFLOW_ASSIGNMENT_FEEDBACK_DAY: '1wd' })).toThrow(/DUTYFLOW_ASSIGNMENT_FEEDBACK_DAY/);
    expect(() => loadConfig({ DUTYFLOW_ASSIGNMENT_FEEDBACK_DAY: '0s' })).toThrow(/DUTYFLOW_ASSIGNMENT_FEEDBACK_DAY/);
  });

  it('links the Temporal Web UI: the embedded one by default, an external one only when configured', () => {
    expect(loadConfig({}).temporal.uiUrl).toBe('http://localhost:8233');
    expect(loadConfig({ DUTYFLOW_TEMPORAL_UI_PORT: '9233' }).temporal.uiUrl).toBe('http://localhost:9233');
    expect(loadConfig({ TEMPORAL_ADDRESS: 'temporal:7233' }).temporal.uiUrl).toBeNull();
    expect(loadConfig({ TEMPORAL_ADDRESS: 'temporal:7233', DUTYFLOW_TEMPORAL_UI_URL: 'https://temporal.example.com/' }).temporal.uiUrl)
      .toBe('https://temporal.example.com');
    expect(() => loadConfig({ DUTYFLOW_TEMPORAL_UI_URL: 'temporal-ui' })).toThrow(/DUTYFLOW_TEMPORAL_UI_URL/);
  });
});
