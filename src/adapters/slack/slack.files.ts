/**
 * Uploads the pictures and files of a {@link Reply} (`image` and `file`
 * blocks) to a Slack conversation. Block Kit cannot carry bytes, so they go
 * through the Web API's external upload flow that `WebClient.filesUploadV2`
 * drives: `files.getUploadURLExternal` (filename, length), a POST of the bytes
 * to the returned `upload_url`, then `files.completeUploadExternal`, which
 * shares the file in `channel_id`.
 */
import type { webApi } from '@slack/bolt';
import type { Block, Reply } from '../../core/chat/messages.ts';

type WebClient = webApi.WebClient;

type Attachment = Extract<Block, { kind: 'image' } | { kind: 'file' }>;

/** The reply's image and file blocks, in order. */
export function attachmentsOf(reply: Reply): Attachment[] {
  return reply.blocks.filter((b): b is Attachment => b.kind === 'image' || b.kind === 'file');
}

/** The block's bytes as a Buffer over the same memory (no copy). */
function bytesOf(a: Attachment): Buffer {
  const u8 = a.kind === 'image' ? a.png : a.data;
  return Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
}

/** Shares every image and file of `reply` in `channel`, one upload each, in order. */
export async function uploadAttachments(client: WebClient, channel: string, reply: Reply): Promise<void> {
  for (const a of attachmentsOf(reply)) {
    await client.filesUploadV2({
      channel_id: channel,
      file: bytesOf(a),
      filename: a.filename,
      title: a.alt,
      // Slack takes alt text for images only.
      ...(a.kind === 'image' ? { alt_text: a.alt } : {}),
    });
  }
}
