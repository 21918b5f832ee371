import { describe, expect, it } from 'vitest';
import { toIso } from './time.js';

describe('toIso', () => {
  it.each([
    ['2021-10-12T09:51:03.157076+02:00', '2021-10-12T07:51:03.157Z'], // Grafana: µs and an offset
    ['2022-06-17T00:41:00.782137894Z', '2022-06-17T00:41:00.782Z'], // ns precision
    ['2015-07-17T08:42:58.315+0000', '2015-07-17T08:42:58.315Z'], // PagerDuty: offset without colon
    ['1448435530000', '2015-11-25T07:12:10.000Z'], // Datadog: epoch ms as a string
    [1704067200, '2024-01-01T00:00:00.000Z'], // Netdata: epoch seconds
    [1767225600000, '2026-01-01T00:00:00.000Z'], // Dynatrace: epoch ms
  ])('reads %j', (input, expected) => {
    expect(toIso(input)).toBe(expected);
  });

  it.each([
    '0001-01-01T00:00:00Z', // Alertmanager "never"
    '20122-10-25T21:19:38Z', // 5-digit year typo in the Splunk docs
    '$DATE', // unrendered Datadog variable
    -1, // Dynatrace endTime while open
    0,
    '',
    null,
    {},
    Number.NaN,
  ])('treats %j as no time', (input) => {
    expect(toIso(input)).toBeNull();
  });
});
