import { useEffect, useState } from 'react';
import type { Message } from '../../../shared/src/index.js';
import { call } from '../bridge/call.js';
import { drop } from '../bridge/drop.js';
import type { AccountFilter } from '../state/uiStore.js';

const SEARCH_DEBOUNCE_MS = 250;
const SEARCH_LIMIT = 50;

export type MessageSearch = { readonly results: readonly Message[]; readonly isSearching: boolean };

/** Full-text search runs in main (`messages.search`) over the whole archive, not just the cache. */
export function useMessageSearch(query: string, filter: AccountFilter): MessageSearch {
  const [state, setState] = useState<{ key: string; results: readonly Message[] }>({ key: '', results: [] });
  const key = `${filter}\u0000${query}`;
  useEffect(() => {
    if (!query) return undefined;
    let isCurrent = true;
    const timer = setTimeout(() => {
      drop(
        call('messages.search', { accountId: filter === 'all' ? null : filter, query, limit: SEARCH_LIMIT }).then(
          (result) => {
            if (isCurrent) setState({ key, results: result.ok ? result.value : [] });
          },
        ),
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [query, filter, key]);
  return { results: state.key === key ? state.results : [], isSearching: query.length > 0 && state.key !== key };
}
