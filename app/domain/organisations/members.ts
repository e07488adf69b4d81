import { z } from "zod";

export const inviteMemberSchema = z.object({
  email: z
    .string({ required_error: "Enter their email address" })
    .trim()
    .min(1, "Enter their email address")
    .max(254, "Email address must be 254 characters or fewer")
    .email("Enter an email address in the correct format, like name@example.org")
    .transform((v) => v.toLowerCase()),
});
