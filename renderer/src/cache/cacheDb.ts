import { InboxDb } from './db.js';

/** The app's single cache instance; tests construct their own InboxDb. */
export const cacheDb = new InboxDb();
