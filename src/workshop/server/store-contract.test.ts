// The SQLite store against the store contract (the PostgreSQL store runs it in postgres-store.test.ts).
import { openSqliteStore } from './sqlite-store';
import { describeStoreContract } from './store-contract';

describeStoreContract('sqlite', async () => openSqliteStore(':memory:'));
