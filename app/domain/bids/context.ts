/** What a bid's rules depend on: its round's window, maximum award and the choices on offer. */
export type BidContext = {
  maxAwardPence: number;
  deliveryStartsOn: string;
  deliveryEndsOn: string;
  priorityIds: number[];
  themeIds: number[];
  tagIds: number[];
  districtIds: number[];
  outcomeIds: number[];
};

export const AGE_GROUPS = [
  { value: "under_11", text: "Under 11" },
  { value: "11_17", text: "11 to 17" },
  { value: "18_25", text: "18 to 25" },
  { value: "26_64", text: "26 to 64" },
  { value: "65_plus", text: "65 and over" },
] as const;

export const MAX_BUDGET_LINES = 10;
export const MAX_OUTCOME_ROWS = 6;
export const SUMMARY_WORD_LIMIT = 150;
export const LONG_ANSWER_WORD_LIMIT = 500;
