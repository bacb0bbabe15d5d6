/**
 * The validation messages of the account schemas (written in English where they
 * are defined, for API clients) mapped to message keys, so the sign-in and
 * sign-up forms can show them in the visitor's language.
 */
const KEYS = {
  "Enter your email address.": "emailRequired",
  "Enter a valid email address.": "emailInvalid",
  "That email address is too long.": "emailTooLong",
  "Enter your password.": "passwordRequired",
  "Enter a password.": "passwordRequired",
  "Use at least 10 characters.": "passwordTooShort",
  "Use at most 72 bytes (about 72 plain characters).": "passwordTooLong",
  "Use at least one letter and one digit.": "passwordLetterDigit",
  "Do not start or end the password with a space.": "passwordSpaces",
  "Enter your name.": "nameRequired",
  "Use at most 100 characters.": "nameTooLong",
  "Use at most 80 characters.": "teamNameTooLong",
} as const;

export type ValidationMessageKey = (typeof KEYS)[keyof typeof KEYS];

export function validationMessageKey(message: string): ValidationMessageKey | null {
  return Object.hasOwn(KEYS, message) ? KEYS[message as keyof typeof KEYS] : null;
}
