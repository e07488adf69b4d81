/** `npm run db:migrate`: applies pending migrations to DATABASE_PATH (default data/portal.db). */
import { closeDatabase, databasePath, getDb } from "#db/client";

getDb(); // opening the database applies pending migrations
closeDatabase();
console.log(`Database at ${databasePath()} is up to date.`);
