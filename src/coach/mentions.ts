/**
 * Who a command names: a bare platform user id or a mention as the platforms
 * send it (<@U123>, Slack's escaped <@U123|ada>, Discord's <@!123>).
 */
export function mentionedUser(text: string): string | null {
  return /^<@!?([\w.-]{1,64})(?:\|[^>]{0,80})?>$/.exec(text)?.[1] ?? (/^@?([\w.-]{1,64})$/.exec(text)?.[1] ?? null);
}
