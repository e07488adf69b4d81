/** The five roles and where each person lands after signing in. */
export const ROLES = ["applicant", "assessor", "grants_officer", "finance", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES = ["assessor", "grants_officer", "finance", "admin"] as const satisfies readonly Role[];

export const ROLE_LABEL: Record<Role, string> = {
  applicant: "Applicant",
  assessor: "Assessor",
  grants_officer: "Grants officer",
  finance: "Finance",
  admin: "Administrator",
};

export const ROLE_HOME: Record<Role, string> = {
  applicant: "/applications",
  assessor: "/assess",
  grants_officer: "/officer",
  finance: "/finance",
  admin: "/admin",
};

/** Who may change fund configuration (funds, plans, tags, districts, outcomes, rounds). */
export const CONFIGURATION_ROLES = ["grants_officer", "admin"] as const satisfies readonly Role[];

/**
 * Only redirect to a path on this site after sign-in, never to another host ("//evil.example").
 */
export function safeRedirectPath(to: string | null | undefined, fallback: string): string {
  if (!to || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
