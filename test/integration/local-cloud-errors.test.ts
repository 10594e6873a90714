// `npm start` fails fast and clearly when it cannot run, and leaves nothing behind.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalCloud } from '../../local/cloud.ts';
import { listen } from '../../local/ports.ts';

const originalPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = originalPath;
});

describe('local cloud start-up errors', () => {
  it('names the port that is taken', async () => {
    const squatter = createServer();
    const port = await listen(squatter, 0, 'squatter');
    try {
      await expect(startLocalCloud({ port, mqttPort: 0 })).rejects.toThrow(`HTTP gateway cannot listen on port ${port}: it is already in use`);
      await expect(startLocalCloud({ port: 0, mqttPort: port })).rejects.toThrow(`MQTT broker cannot listen on port ${port}`);
    } finally {
      squatter.close();
    }
  });

  it('says Java is needed, and how to get it, when java is not on PATH', async () => {
    process.env.PATH = '/nonexistent';
    await expect(startLocalCloud({ port: 0, mqttPort: 0 })).rejects.toThrow(/needs Java 17 or newer.*apt-get install openjdk-17-jre-headless/);
  });
});
