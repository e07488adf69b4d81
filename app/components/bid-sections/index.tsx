import type { ComponentType } from "react";
import type { SectionKey } from "~/domain/bids/sections";
import { AreaSection } from "./AreaSection";
import { BeneficiariesSection } from "./BeneficiariesSection";
import { BudgetSection } from "./BudgetSection";
import { DatesSection } from "./DatesSection";
import { NeedSection } from "./NeedSection";
import { OutcomesSection } from "./OutcomesSection";
import { PrioritiesSection } from "./PrioritiesSection";
import { ProjectSection } from "./ProjectSection";
import { SafeguardingSection } from "./SafeguardingSection";
import type { SectionProps } from "./types";

export const SECTION_FORMS: Record<SectionKey, ComponentType<SectionProps>> = {
  project: ProjectSection,
  need: NeedSection,
  priorities: PrioritiesSection,
  area: AreaSection,
  beneficiaries: BeneficiariesSection,
  dates: DatesSection,
  budget: BudgetSection,
  outcomes: OutcomesSection,
  safeguarding: SafeguardingSection,
};
export type { SectionProps };
