/**
 * The audit actions (操作日志): each action's entity type and the shape of what its row
 * records. `before` / `after` hold only the fields that changed (lib/audit/write.ts `changes`)
 * or a short summary, never secrets (passwords, hashes, tokens) or file contents. Every action
 * has a label in both languages under `audit.actions.<aggregate>.<verb>` (checked by a test).
 */
import type { AssessmentRunStatus, ReportStatus } from "@/lib/generated/prisma/enums";

/** The entity types audit rows point at. */
export type AuditEntityType =
  | "User"
  | "ApiToken"
  | "ProgressReport"
  | "Evidence"
  | "CreationTask"
  | "Year"
  | "Project"
  | "Town"
  | "TownEvent"
  | "Export"
  | "Request"
  | "RatingScheme"
  | "StarRating"
  | "ScoreSheet"
  | "SelfAssessment"
  | "AssessmentScheme"
  | "AssessmentEntry"
  | "AssessmentRun"
  | "Belt"
  | "TownCircle"
  | "Indicator"
  | "BasicRequirement";

/** A JSON value as audit rows hold it. */
export type AuditJson =
  string | number | boolean | null | AuditJson[] | { [key: string]: AuditJson | undefined };
/** A JSON object of recorded fields. */
export type AuditRecord = { [key: string]: AuditJson | undefined };
type Record_ = AuditRecord;
type StatusChange = { status: ReportStatus; version: number };
type Versioned = Record_ & { version: number };
type RunChange = Record_ & { status: AssessmentRunStatus; revision: number };

/** What each action records: its before and after (both optional unless typed otherwise). */
export interface AuditPayloads {
  "auth.signIn": Record<string, never>;
  "auth.signInFailed": { after: { username: string; reason: string } };
  "auth.signOut": Record<string, never>;
  "user.create": { after: Record_ };
  "user.update": { before: Record_; after: Record_ };
  "user.resetPassword": { after?: { tokensRevoked: number } };
  "user.changePassword": { after?: { tokensRevoked: number } };
  "apiToken.create": { after: { name: string; prefix: string; expiresAt: string } };
  "apiToken.revoke": { after?: { userId: number } };
  "report.create": { after: { townCode: string; year: number; periodIndex: number } };
  "report.save": { before: { version: number }; after: Record_ & { version: number } };
  "report.submit": { before: StatusChange; after: StatusChange };
  "report.approve": { before: StatusChange; after: StatusChange };
  "report.return": { before: StatusChange; after: StatusChange & { items: number } };
  "report.confirm": { before: StatusChange; after: StatusChange };
  "report.returnToCounty": { before: StatusChange; after: StatusChange };
  "evidence.create": { after: Record_ };
  "evidence.delete": { before: Record_ & { fileName: string } };
  "task.set": { after: Record_ };
  "task.publish": { after: { townCodes: string[]; published: number } };
  "task.import": { after: Record_ };
  "task.targets": { before: Record_; after: Record_ };
  "project.create": { after: Record_ };
  "project.update": { before: Record_; after: Record_ };
  "project.delete": { before: Record_ };
  "town.titleAwarded": { after: Record_ };
  "town.titleStripped": { after: Record_ };
  "town.create": { after: Record_ };
  "town.update": { before: Record_; after: Record_ };
  "town.rename": { before: Record_; after: Record_ };
  "town.recode": { before: Record_; after: Record_ };
  "town.merge": { after: Record_ };
  "town.import": { after: { fileName: string; created: string[]; updated: number } };
  "ratingScheme.create": {
    after: Record_ & { year: number; version: number; copiedFrom: number | null };
  };
  "ratingScheme.update": { before: Record_; after: Record_ };
  "ratingScheme.import": {
    after: Record_ & { fileName: string; categories: number; items: number; criteria: number };
  };
  "ratingScheme.activate": {
    before: Record_ & { status: "DRAFT" };
    after: Record_ & { status: "ACTIVE"; archived: number | null; movedRatings: number };
  };
  "ratingScheme.retire": { before: { status: "ACTIVE" }; after: { status: "ARCHIVED" } };
  "ratingScheme.delete": { before: { year: number; version: number; name: string } };
  "rating.create": { after: { year: number; townCodes: string[]; created: number } };
  "rating.panel": { after: { reviewer: string; removed: boolean } };
  "rating.sheetSave": { before: { version: number }; after: Versioned };
  "rating.sheetSubmit": { before: Versioned; after: Versioned };
  "rating.selfSave": { before: { version: number }; after: Versioned };
  "rating.selfSubmit": { before: Versioned; after: Versioned };
  "rating.selfEvidence": { after: Record_ };
  "rating.decide": { before: Versioned; after: Versioned };
  "assessmentScheme.create": { after: Record_ };
  "assessmentScheme.copy": { after: { fromYear: number; toYear: number; schemes: number } };
  "year.update": { before: Record_; after: Record_ };
  "year.create": { after: { year: number; copiedFromYear: number | null; copied: Record_ } };
  "year.periods": { before: Record_[]; after: Record_[] };
  "year.open": { before: { status: string }; after: { status: string } };
  "year.close": { before: { status: string }; after: { status: string; warnings: Record_ } };
  "assessmentScheme.update": { before: Record_; after: Record_ };
  "assessmentScheme.itemSave": { before?: Record_; after: Record_ };
  "assessmentScheme.itemDelete": { before: Record_ };
  "assessmentScheme.activate": { before: Record_; after: Record_ };
  "assessmentScheme.delete": { before: Record_ };
  "assessmentEntry.save": { before?: Record_; after: Record_ };
  "assessmentEntry.delete": { before: Record_ };
  "assessmentRun.start": { after: { year: number; version: number; reason: string | null } };
  "assessmentRun.compute": { before: RunChange; after: RunChange };
  "assessmentRun.publish": { before: RunChange; after: RunChange };
  "assessmentRun.discard": { before: RunChange };
  "belt.create": { after: Record_ };
  "belt.update": { before: Record_; after: Record_ };
  "circle.create": { after: Record_ };
  "circle.update": { before: Record_; after: Record_ };
  "circle.end": { before: Record_; after: Record_ };
  "circle.delete": { before: Record_ };
  "circle.addTown": { after: Record_ };
  "circle.updateTown": { before: Record_; after: Record_ };
  "circle.removeTown": { before: Record_ };
  "indicator.create": { after: Record_ };
  "indicator.update": { before: Record_; after: Record_ };
  "indicator.retire": { before: Record_; after: Record_ };
  "indicator.restore": { before: Record_; after: Record_ };
  "indicator.delete": { before: Record_; after?: Record_ };
  "indicator.assignFigureInput": { before: Record_; after: Record_ };
  "basicRequirement.create": { after: Record_ };
  "basicRequirement.update": { before: Record_; after: Record_ };
  "basicRequirement.delete": { before: Record_ };
  "export.download": { after: { table: string; format: string; query: Record_ } };
  "access.denied": {
    after: {
      action: string;
      code: string;
      where: string;
      /** A cross-site call's Origin. */
      origin?: string;
      /** A summary row (lib/audit/refusals.ts): the refusals of one address and minute not written one by one. */
      suppressed?: number;
      minute?: string;
    };
  };
}

/** One audit action (aggregate.verb). */
export type AuditAction = keyof AuditPayloads;

/** Each action's entity type. */
export const auditCatalogue: { [A in AuditAction]: { entityType: AuditEntityType } } = {
  "auth.signIn": { entityType: "User" },
  "auth.signInFailed": { entityType: "User" },
  "auth.signOut": { entityType: "User" },
  "user.create": { entityType: "User" },
  "user.update": { entityType: "User" },
  "user.resetPassword": { entityType: "User" },
  "user.changePassword": { entityType: "User" },
  "apiToken.create": { entityType: "ApiToken" },
  "apiToken.revoke": { entityType: "ApiToken" },
  "report.create": { entityType: "ProgressReport" },
  "report.save": { entityType: "ProgressReport" },
  "report.submit": { entityType: "ProgressReport" },
  "report.approve": { entityType: "ProgressReport" },
  "report.return": { entityType: "ProgressReport" },
  "report.confirm": { entityType: "ProgressReport" },
  "report.returnToCounty": { entityType: "ProgressReport" },
  "evidence.create": { entityType: "Evidence" },
  "evidence.delete": { entityType: "Evidence" },
  "task.set": { entityType: "Year" },
  "task.publish": { entityType: "Year" },
  "task.import": { entityType: "Year" },
  "task.targets": { entityType: "CreationTask" },
  "project.create": { entityType: "Project" },
  "project.update": { entityType: "Project" },
  "project.delete": { entityType: "Project" },
  "town.titleAwarded": { entityType: "TownEvent" },
  "town.titleStripped": { entityType: "TownEvent" },
  "town.create": { entityType: "Town" },
  "town.update": { entityType: "Town" },
  "town.rename": { entityType: "Town" },
  "town.recode": { entityType: "Town" },
  "town.merge": { entityType: "Town" },
  "town.import": { entityType: "Town" },
  "ratingScheme.create": { entityType: "RatingScheme" },
  "ratingScheme.update": { entityType: "RatingScheme" },
  "ratingScheme.import": { entityType: "RatingScheme" },
  "ratingScheme.activate": { entityType: "RatingScheme" },
  "ratingScheme.retire": { entityType: "RatingScheme" },
  "ratingScheme.delete": { entityType: "RatingScheme" },
  "rating.create": { entityType: "Year" },
  "rating.panel": { entityType: "StarRating" },
  "rating.sheetSave": { entityType: "ScoreSheet" },
  "rating.sheetSubmit": { entityType: "ScoreSheet" },
  "rating.selfSave": { entityType: "SelfAssessment" },
  "rating.selfSubmit": { entityType: "SelfAssessment" },
  "rating.selfEvidence": { entityType: "SelfAssessment" },
  "rating.decide": { entityType: "StarRating" },
  "assessmentScheme.create": { entityType: "AssessmentScheme" },
  "assessmentScheme.copy": { entityType: "Year" },
  "year.update": { entityType: "Year" },
  "year.create": { entityType: "Year" },
  "year.periods": { entityType: "Year" },
  "year.open": { entityType: "Year" },
  "year.close": { entityType: "Year" },
  "assessmentScheme.update": { entityType: "AssessmentScheme" },
  "assessmentScheme.itemSave": { entityType: "AssessmentScheme" },
  "assessmentScheme.itemDelete": { entityType: "AssessmentScheme" },
  "assessmentScheme.activate": { entityType: "AssessmentScheme" },
  "assessmentScheme.delete": { entityType: "AssessmentScheme" },
  "assessmentEntry.save": { entityType: "AssessmentEntry" },
  "assessmentEntry.delete": { entityType: "AssessmentEntry" },
  "assessmentRun.start": { entityType: "AssessmentRun" },
  "assessmentRun.compute": { entityType: "AssessmentRun" },
  "assessmentRun.publish": { entityType: "AssessmentRun" },
  "assessmentRun.discard": { entityType: "AssessmentRun" },
  "belt.create": { entityType: "Belt" },
  "belt.update": { entityType: "Belt" },
  "circle.create": { entityType: "TownCircle" },
  "circle.update": { entityType: "TownCircle" },
  "circle.end": { entityType: "TownCircle" },
  "circle.delete": { entityType: "TownCircle" },
  "circle.addTown": { entityType: "TownCircle" },
  "circle.updateTown": { entityType: "TownCircle" },
  "circle.removeTown": { entityType: "TownCircle" },
  "indicator.create": { entityType: "Indicator" },
  "indicator.update": { entityType: "Indicator" },
  "indicator.retire": { entityType: "Indicator" },
  "indicator.restore": { entityType: "Indicator" },
  "indicator.delete": { entityType: "Indicator" },
  "indicator.assignFigureInput": { entityType: "Indicator" },
  "basicRequirement.create": { entityType: "BasicRequirement" },
  "basicRequirement.update": { entityType: "BasicRequirement" },
  "basicRequirement.delete": { entityType: "BasicRequirement" },
  "export.download": { entityType: "Export" },
  "access.denied": { entityType: "Request" },
};

/** Every audit action, in catalogue order. */
export const auditActions = Object.keys(auditCatalogue) as AuditAction[];
