/** The form an administrator uses to answer a subject access request: whose data, by e-mail address. */
import { z } from "zod";

export const findPersonSchema = z.object({
  email: z
    .string({ required_error: "Enter the email address of the person who asked" })
    .trim()
    .min(1, "Enter the email address of the person who asked")
    .max(254, "Email address must be 254 characters or fewer")
    .email("Enter an email address in the correct format, like name@example.org")
    .transform((value) => value.toLowerCase()),
});

/** Nothing at all: no account, organisation contact, invitation, sign-in attempt or audit record. */
export const PERSON_NOT_FOUND = "The portal holds nothing about this email address. Check it is the address they used with the portal";
