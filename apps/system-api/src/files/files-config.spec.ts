import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { ConfigValidationError, loadConfig } from '@concord/platform';
import { SystemApiConfig } from '../system-api.config';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(SystemApiConfig, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return (error as ConfigValidationError).problems;
  }
  return [];
}

/** The feeds' source is checked when system-api starts: a half-configured SFTP source names what is missing. */
describe('FILES_* configuration', () => {
  it('needs nothing for upload-only feeds or a drop folder', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ FILES_SOURCE: 'folder', FILES_DROP_DIR: '/srv/drop', FILES_COMPLETENESS: 'marker' })).toEqual([]);
  });

  it('names every missing SFTP setting', () => {
    const found = problems({ FILES_SOURCE: 'sftp' });
    expect(found.some((p) => p.includes('FILES_SFTP_HOST'))).toBe(true);
    expect(found.some((p) => p.includes('FILES_SFTP_USERNAME'))).toBe(true);
    expect(found.some((p) => p.includes('FILES_SFTP_PRIVATE_KEY_FILE'))).toBe(true);
    expect(
      problems({
        FILES_SOURCE: 'sftp',
        FILES_SFTP_HOST: 'sftp.bank.example',
        FILES_SFTP_USERNAME: 'concord',
        FILES_SFTP_PRIVATE_KEY_FILE: '/k',
      }),
    ).toEqual([]);
  });

  it.each([
    ['FILES_SOURCE', 'ftp'],
    ['FILES_COMPLETENESS', 'sometimes'],
    ['FILES_POLL_INTERVAL_MS', '10'],
    ['FILES_SFTP_DIRECTORY', 'upload'],
    ['FILES_SFTP_HOST_KEY_SHA256', 'not-a-fingerprint'],
  ])('refuses %s=%s', (name, value) => {
    expect(problems({ [name]: value }).some((p) => p.includes(name))).toBe(true);
  });
});
