/**
 * Form schemas for accounts: shared by the browser (react-hook-form) and re-checked by the server.
 * Messages follow the GOV.UK Design System's error message patterns.
 */
import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

const email = z
  .string({ required_error: "Enter your email address" })
  .trim()
  .min(1, "Enter your email address")
  .max(254, "Email address must be 254 characters or fewer")
  .email("Enter an email address in the correct format, like name@example.org")
  .transform((value) => value.toLowerCase());

/** The length rules; the common-password rule needs the server's word list, see password.server.ts. */
export const newPassword = z
  .string({ required_error: "Enter a password" })
  .min(1, "Enter a password")
  .min(MIN_PASSWORD_LENGTH, `Password must be ${MIN_PASSWORD_LENGTH} characters or more`)
  .max(MAX_PASSWORD_LENGTH, `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`);

/**
 * A form with a new password and its confirmation. The match is checked even when other fields
 * fail, so the person sees every problem at once (a zod object refine would wait for the rest).
 */
function withConfirmedPassword<T extends z.ZodRawShape>(shape: T, confirmMessage: string) {
  const base = z.object({ ...shape, confirmPassword: z.string({ required_error: confirmMessage }).min(1, confirmMessage) });
  return z
    .any()
    .superRefine((value, ctx) => {
      const result = base.safeParse(value);
      if (!result.success) for (const issue of result.error.issues) ctx.addIssue(issue);
      const v = (value ?? {}) as Record<string, unknown>;
      if (v.confirmPassword && v.password !== v.confirmPassword) {
        ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "Passwords must match" });
      }
    })
    .transform((value) => base.parse(value));
}

const name = (what: string) =>
  z
    .string({ required_error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(200, `${what[0].toUpperCase()}${what.slice(1)} must be 200 characters or fewer`);

export const signInSchema = z.object({
  email,
  password: z.string({ required_error: "Enter your password" }).min(1, "Enter your password").max(MAX_PASSWORD_LENGTH),
});

export const signUpSchema = withConfirmedPassword(
  {
    name: name("your full name"),
    organisationName: name("the name of your organisation"),
    email,
    password: newPassword,
  },
  "Confirm your password",
);

export const changePasswordSchema = withConfirmedPassword(
  {
    currentPassword: z.string({ required_error: "Enter your current password" }).min(1, "Enter your current password").max(MAX_PASSWORD_LENGTH),
    password: newPassword,
  },
  "Confirm your new password",
);

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = withConfirmedPassword({ password: newPassword }, "Confirm your new password");

export const inviteStaffSchema = z.object({
  name: name("their full name"),
  email,
  role: z.enum(["assessor", "grants_officer", "finance", "admin"], {
    errorMap: () => ({ message: "Select a role" }),
  }),
});

export const acceptInvitationSchema = resetPasswordSchema;

export const setRoleSchema = z.object({
  role: z.enum(["assessor", "grants_officer", "finance", "admin"], {
    errorMap: () => ({ message: "Select a role" }),
  }),
});
