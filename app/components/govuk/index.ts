export { ErrorSummary, fieldId } from "./ErrorSummary";
export { Input, Textarea, Select } from "./Field";
export { Radios, Checkboxes, Fieldset } from "./Choices";
export { DateInput, isoToDateParts } from "./DateInput";
export { Button, ButtonLink, Tag, SummaryList, Table, Panel, NotificationBanner, BackLink, InsetText, type Column } from "./Display";
