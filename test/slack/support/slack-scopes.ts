/**
 * Which bot-token scope Slack demands for each Web API method Pathwise calls,
 * as Slack's method reference lists them ("Required scopes", bot token). The
 * fake Slack answers `missing_scope` when the app was not granted one of them,
 * as a real workspace does; kept here, apart from the manifest, so the
 * manifest cannot vouch for itself.
 *
 * An empty list: the method needs no scope (`auth.test`; views work once the
 * Home tab or interactivity is on; `apps.connections.open` takes the
 * app-level token's `connections:write`, not a bot scope).
 */
export const SLACK_METHOD_SCOPES: Readonly<Record<string, readonly string[]>> = {
  'auth.test': [],
  'apps.connections.open': [],
  'views.open': [],
  'views.publish': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'conversations.open': ['im:write', 'mpim:write', 'channels:manage', 'groups:write'],
  'conversations.history': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
  'users.info': ['users:read'],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
};

/** WebClient helpers that call several methods: `filesUploadV2` is Slack's external upload flow. */
export const SLACK_HELPER_METHODS: Readonly<Record<string, readonly string[]>> = {
  filesUploadV2: ['files.getUploadURLExternal', 'files.completeUploadExternal'],
};
