/**
 * The invite link a server admin opens to add Pathwise. Scopes: `bot` (the
 * bot joins, so it can DM the server's members) and `applications.commands`
 * (slash commands). Permissions: what the weekly cohort post needs in its
 * channel, and nothing more: View Channel, Send Messages, Attach Files (the
 * charts). Replies to commands and buttons go through interaction responses,
 * which need no channel permission; everything else is a DM.
 */
import { PermissionFlagsBits } from 'discord.js';

export const INVITE_PERMISSIONS = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.AttachFiles;

export function inviteUrl(applicationId: string): string {
  return `https://discord.com/oauth2/authorize?client_id=${applicationId}&scope=bot+applications.commands&permissions=${INVITE_PERMISSIONS}`;
}
