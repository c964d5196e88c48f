import { describe, expect, it } from 'vitest';
import { GatewayRouter } from '../../src/app/gateway-router.ts';
import { text, type ConversationRef } from '../../src/core/chat/messages.ts';
import { UNRECOVERABLE } from '../../src/core/ports/scheduler.port.ts';
import { RecordingGateway } from '../support/coach-harness.ts';

const to = (platform: ConversationRef['platform']): ConversationRef => ({ platform, workspace: 'W', channel: 'C', user: 'U' });

describe('GatewayRouter', () => {
  it('sends through the gateway of the conversation platform', async () => {
    const slack = new RecordingGateway();
    expect(await new GatewayRouter({ slack }).send(to('slack'), { blocks: [text('hi')] })).toEqual({ messageId: 'm1' });
    expect(slack.sent).toHaveLength(1);
  });

  it('fails a run for a platform it lacks so it is retried, and a terminal one for good', async () => {
    const router = new GatewayRouter({});
    await expect(router.send(to('discord'), { blocks: [] })).rejects.toMatchObject({ code: 'NO_GATEWAY' });
    await expect(router.send(to('terminal'), { blocks: [] })).rejects.toMatchObject({ code: UNRECOVERABLE });
  });
});
