/**
 * Searching the audit log for finance and admins (auditors ask "who changed this, and when?").
 * Read-only: the table is append-only, and the database's triggers refuse updates and deletes.
 */
import { and, asc, count, desc, eq, gte, lt, or, sql, type SQL } from "drizzle-orm";
import { auditEvents, users } from "#db/schema";
import { getDb } from "#db/client";

export type AuditSearch = {
  /** An action, or the start of one ("ledger." finds every ledger entry). */
  action?: string;
  subjectType?: string;
  subjectId?: string;
  /** Part of the name or e-mail address of the person who acted. */
  who?: string;
  /** Instants bounding the search: from inclusive, before exclusive. */
  from?: Date;
  before?: Date;
  page: number;
  perPage: number;
};

/** LIKE treats % and _ as wildcards; a person searching for "a_b" means the characters. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function conditions(search: AuditSearch): SQL[] {
  const c: SQL[] = [];
  if (search.action) c.push(or(eq(auditEvents.action, search.action), sql`${auditEvents.action} like ${`${escapeLike(search.action)}%`} escape '\\'`)!);
  if (search.subjectType) c.push(eq(auditEvents.subjectType, search.subjectType));
  if (search.subjectId) c.push(eq(auditEvents.subjectId, search.subjectId));
  if (search.who) {
    const pattern = `%${escapeLike(search.who.toLowerCase())}%`;
    c.push(sql`${auditEvents.actorUserId} in (select ${users.id} from ${users} where lower(${users.name}) like ${pattern} escape '\\' or lower(${users.email}) like ${pattern} escape '\\')`);
  }
  if (search.from) c.push(gte(auditEvents.at, search.from));
  if (search.before) c.push(lt(auditEvents.at, search.before));
  return c;
}

/** One page of matching events, newest first, with who acted and how many match in all. */
export function searchAuditEvents(search: AuditSearch) {
  const db = getDb();
  const where = and(...conditions(search));
  const total = db.select({ n: count() }).from(auditEvents).where(where).get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / search.perPage));
  const page = Math.min(Math.max(1, search.page), pages);
  const events = db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      subjectType: auditEvents.subjectType,
      subjectId: auditEvents.subjectId,
      before: auditEvents.before,
      after: auditEvents.after,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(where)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(search.perPage)
    .offset((page - 1) * search.perPage)
    .all();
  return { events, total, page, pages };
}

/** The actions and subject types in the log, for the search form's choices. */
export function auditVocabulary() {
  const db = getDb();
  return {
    actions: db.selectDistinct({ action: auditEvents.action }).from(auditEvents).orderBy(asc(auditEvents.action)).all().map((r) => r.action),
    subjectTypes: db.selectDistinct({ subjectType: auditEvents.subjectType }).from(auditEvents).orderBy(asc(auditEvents.subjectType)).all().map((r) => r.subjectType),
  };
}
