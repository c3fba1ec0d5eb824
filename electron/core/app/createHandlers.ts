import type { Handlers } from '../bridge/handlers.js';
import { BridgeError } from '../bridge/BridgeError.js';
import type { BackupPort } from './BackupPort.js';
import type { CoreMode } from './Core.js';
import type { SessionPort } from './SessionPort.js';

const queued = { queued: true } as const;

export type HandlerDeps = {
  readonly mode: CoreMode;
  readonly version: string;
  readonly sessions: SessionPort;
  /** The S3 backup service; absent in hosts without one (its commands are then refused). */
  readonly backup?: BackupPort;
};

/** The typed map from every contract command to the session layer; a missing entry fails to compile. */
export function createHandlers({ mode, version, sessions, backup }: HandlerDeps): Handlers {
  const account = sessions.account;
  const backupPort = (): BackupPort => {
    if (!backup) throw new BridgeError('INTERNAL', 'backup is not available in this build');
    return backup;
  };
  return {
    'app.ping': ({ nonce }) => ({ nonce, serverTime: Date.now() }),
    'app.getInfo': () => ({ version, mode, platform: process.platform }),
    'events.catchUp': ({ accountId, afterSeq, limit }) => sessions.catchUp(accountId, afterSeq, limit),
    'accounts.list': () => sessions.listAccounts(),
    'accounts.add': async ({ label }) => ({ accountId: await sessions.addAccount(label) }),
    'accounts.takeOver': async ({ accountId }) => (await account(accountId).takeOver(), queued),
    'accounts.relink': async ({ accountId }) => (await account(accountId).relink(), queued),
    'accounts.logout': async ({ accountId }) => (await account(accountId).logout(), queued),
    'accounts.remove': async ({ accountId, deleteArchive }) => (
      await sessions.removeAccount(accountId, deleteArchive),
      queued
    ),
    'chats.list': (input) => account(input.accountId).listChats(input),
    'chats.modify': async ({ accountId, chatId, action }, ctx) => (
      await account(accountId).modifyChat(chatId, action, ctx.commandId),
      queued
    ),
    'chats.start': async ({ accountId, phoneNumber }) => ({
      chatId: await account(accountId).startChat(phoneNumber),
    }),
    'messages.page': (input) => account(input.accountId).pageMessages(input),
    'messages.search': async ({ accountId, query, limit }) => {
      if (accountId !== null) return account(accountId).search(query, limit);
      // The unified inbox searches every account and keeps the newest hits overall. An account
      // whose worker is down (restarting, or open in another window) must not fail the others.
      const settled = await Promise.allSettled(sessions.listAccounts().map((a) => account(a.id).search(query, limit)));
      const hits = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const firstFailure = settled.find((r) => r.status === 'rejected');
      if (hits.length === 0 && firstFailure) throw firstFailure.reason;
      return hits
        .flat()
        .sort((x, y) => y.timestamp - x.timestamp)
        .slice(0, limit);
    },
    'messages.sendText': async (input, ctx) => ({
      messageId: await account(input.accountId).sendText(input, ctx.commandId),
    }),
    'messages.sendAttachment': async (input, ctx) => ({
      messageId: await account(input.accountId).sendAttachment(input, ctx.commandId),
    }),
    'messages.react': async (input, ctx) => (await account(input.accountId).react(input, ctx.commandId), queued),
    'messages.edit': async (input, ctx) => (await account(input.accountId).edit(input, ctx.commandId), queued),
    'messages.deleteForEveryone': async (input, ctx) => (
      await account(input.accountId).deleteForEveryone(input, ctx.commandId),
      queued
    ),
    'messages.forward': async (input, ctx) => ({
      messageId: await account(input.accountId).forward(input, ctx.commandId),
    }),
    'messages.retrySend': async (input, ctx) => (
      await account(input.accountId).retrySend(input, ctx.commandId),
      queued
    ),
    'media.download': async ({ accountId, chatId, messageId }, ctx) => (
      await account(accountId).downloadMedia(chatId, messageId, ctx.commandId),
      queued
    ),
    'media.requestReupload': async ({ accountId, chatId, messageId }, ctx) => (
      await account(accountId).requestReupload(chatId, messageId, ctx.commandId),
      queued
    ),
    'media.retryAllFailed': async ({ accountId }, ctx) => ({
      queuedCount: await account(accountId).retryAllFailedMedia(ctx.commandId),
    }),
    'contacts.setAlias': ({ accountId, contactId, alias }) => account(accountId).setAlias(contactId, alias),
    'history.requestOlder': async ({ accountId, chatId }, ctx) => (
      await account(accountId).requestOlderHistory(chatId, ctx.commandId),
      queued
    ),
    'accounts.requestPairingCode': ({ accountId, phoneNumber }) => account(accountId).requestPairingCode(phoneNumber),
    'media.cacheUsage': ({ accountId }) => account(accountId).mediaCacheUsage(),
    'media.clearCache': ({ accountId }) => account(accountId).clearMediaCache(),
    'settings.setMediaCacheLimit': ({ accountId, limitBytes }) => account(accountId).setMediaCacheLimit(limitBytes),
    'backup.getStatus': () => backupPort().overview(),
    'backup.configure': (input) => backupPort().configure(input),
    'backup.testConnection': (input) => backupPort().testConnection(input),
    'backup.runNow': ({ accountId }) => (backupPort().runNow(accountId), queued),
    'backup.setEnabled': ({ isEnabled }) => backupPort().setEnabled(isEnabled),
    'backup.setWindow': ({ windowMs }) => backupPort().setWindow(windowMs),
    'backup.list': () => backupPort().list(),
    'backup.restore': (input) => backupPort().restore(input),
  };
}
