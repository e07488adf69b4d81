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

export const signUpSchema = z
  .object({
    name: name("your full name"),
    organisationName: name("the name of your organisation"),
    email,
    password: newPassword,
    confirmPassword: z.string().min(1, "Confirm your password"),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "Passwords must match",
  });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password"),
    password: newPassword,
    confirmPassword: z.string().min(1, "Confirm your new password"),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "Passwords must match",
  });

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
  .object({
    password: newPassword,
    confirmPassword: z.string().min(1, "Confirm your new password"),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "Passwords must match",
  });

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
