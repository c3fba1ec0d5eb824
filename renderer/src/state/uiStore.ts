import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { AccountId, ChatId, MessageId } from '../../../shared/src/index.js';

/*
 * UI state: selection, drafts, reply target, theme. Drafts and theme survive reloads
 * (localStorage); selection is restored too so a reload lands where the user was.
 */
export type ChatRef = { readonly accountId: AccountId; readonly chatId: ChatId };
export type AccountFilter = AccountId | 'all';
export type ThemeChoice = 'system' | 'light' | 'dark';
export type ReplyTarget = ChatRef & {
  readonly messageId: MessageId;
  readonly senderLabel: string;
  readonly preview: string;
};

export type MessageRef = ChatRef & { readonly messageId: MessageId };
/** The own text message being edited in the composer, with its text at the start of the edit. */
export type EditTarget = MessageRef & { readonly text: string };

/** The one modal surface open at a time; it holds references only, never the entities themselves. */
export type Overlay =
  | { readonly kind: 'mediaRecovery'; readonly accountId: AccountId | null }
  | { readonly kind: 'syncPanel'; readonly accountId: AccountId }
  | { readonly kind: 'newChat' }
  | { readonly kind: 'help' }
  | { readonly kind: 'forward'; readonly message: MessageRef }
  | { readonly kind: 'deleteMessage'; readonly message: MessageRef }
  | { readonly kind: 'logout'; readonly accountId: AccountId }
  | { readonly kind: 'removeAccount'; readonly accountId: AccountId }
  | { readonly kind: 'settings' };

export function chatKey(ref: ChatRef): string {
  return `${ref.accountId}/${ref.chatId}`;
}

type UiState = {
  readonly accountFilter: AccountFilter;
  readonly selectedChat: ChatRef | null;
  readonly drafts: Readonly<Record<string, string>>;
  readonly replyTo: ReplyTarget | null;
  readonly theme: ThemeChoice;
  readonly searchQuery: string;
  readonly isShowingArchived: boolean;
  readonly editing: EditTarget | null;
  readonly overlay: Overlay | null;
  readonly isContactPanelOpen: boolean;
  readonly selectAccount: (filter: AccountFilter) => void;
  readonly selectChat: (chat: ChatRef | null) => void;
  readonly setDraft: (chat: ChatRef, text: string) => void;
  readonly setReplyTo: (target: ReplyTarget | null) => void;
  readonly setTheme: (theme: ThemeChoice) => void;
  readonly setSearchQuery: (query: string) => void;
  readonly setShowingArchived: (isShowing: boolean) => void;
  readonly setEditing: (target: EditTarget | null) => void;
  readonly openOverlay: (overlay: Overlay) => void;
  readonly closeOverlay: () => void;
  readonly setContactPanelOpen: (isOpen: boolean) => void;
};

export const useUi = create<UiState>()(
  persist(
    (set) => ({
      accountFilter: 'all',
      selectedChat: null,
      drafts: {},
      replyTo: null,
      theme: 'system',
      searchQuery: '',
      isShowingArchived: false,
      editing: null,
      overlay: null,
      isContactPanelOpen: false,
      selectAccount: (accountFilter) => set({ accountFilter, selectedChat: null, isShowingArchived: false }),
      selectChat: (selectedChat) => set({ selectedChat, replyTo: null, editing: null, isContactPanelOpen: false }),
      setDraft: (chat, text) =>
        set((state) => {
          const drafts = { ...state.drafts };
          if (text.length > 0) drafts[chatKey(chat)] = text;
          else delete drafts[chatKey(chat)];
          return { drafts };
        }),
      setReplyTo: (replyTo) => set(replyTo ? { replyTo, editing: null } : { replyTo }),
      setTheme: (theme) => set({ theme }),
      setSearchQuery: (searchQuery) => set({ searchQuery }),
      setShowingArchived: (isShowingArchived) => set({ isShowingArchived }),
      setEditing: (editing) => set({ editing, replyTo: null }),
      openOverlay: (overlay) => set({ overlay }),
      closeOverlay: () => set({ overlay: null }),
      setContactPanelOpen: (isContactPanelOpen) => set({ isContactPanelOpen }),
    }),
    {
      name: 'wa-inbox-ui',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({
        accountFilter: state.accountFilter,
        selectedChat: state.selectedChat,
        drafts: state.drafts,
        theme: state.theme,
      }),
    },
  ),
);
