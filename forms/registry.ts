import type { FormDefinition, Locale } from './formDefinition.js';
import { brandFeedbackForm, marketReportForm, salesFlowFeedbackForm } from './allocationMonth.js';
import { allocationCycleStartForm, allocationReviewForm } from './allocationReview.js';
import { approvalDecisionForm } from './approvalDecision.js';
import {
  assignmentReviewForm, clarificationForm, completionReportForm, extensionRequestForm, progressFeedbackForm, taskAcceptanceForm,
} from './assignmentSteps.js';
import { customerProfileFeedbackForm } from './customerProfileFeedback.js';
import { hazardAssessmentForm } from './hazardAssessment.js';
import { hazardNoticeForm } from './hazardNotice.js';
import { hazardRectificationForm } from './hazardRectification.js';
import { hazardReportForm } from './hazardReport.js';
import { hazardVerificationForm } from './hazardVerification.js';
import { learningAckForm, learningRecordForm } from './learningRecord.js';
import { regradeProposalForm } from './regradeProposal.js';
import { supervisionNoteForm } from './supervisionNote.js';
import { taskAssignmentForm } from './taskAssignment.js';
import { workRecordForm } from './workRecord.js';
import { serviceReplyForm, serviceRequestForm } from './serviceRequest.js';
import { serviceVisitForm } from './serviceVisit.js';
import { dailyRecordCommentForm, dailyRecordForm } from './dailyRecord.js';
import {
  complaintAssignForm, complaintHandlingForm, complaintRecordForm, complaintResponseForm, complaintRevisitForm,
} from './complaint.js';

/** Every form the system serves, one entry per key (the current version). */
export const forms: readonly FormDefinition[] = Object.freeze([
  regradeProposalForm,
  approvalDecisionForm,
  workRecordForm,
  customerProfileFeedbackForm,
  hazardReportForm,
  hazardAssessmentForm,
  hazardNoticeForm,
  hazardRectificationForm,
  hazardVerificationForm,
  supervisionNoteForm,
  taskAssignmentForm,
  taskAcceptanceForm,
  clarificationForm,
  progressFeedbackForm,
  completionReportForm,
  assignmentReviewForm,
  extensionRequestForm,
  learningRecordForm,
  learningAckForm,
  allocationReviewForm,
  allocationCycleStartForm,
  salesFlowFeedbackForm,
  brandFeedbackForm,
  marketReportForm,
  serviceRequestForm,
  serviceReplyForm,
  serviceVisitForm,
  complaintRecordForm,
  complaintAssignForm,
  complaintResponseForm,
  complaintHandlingForm,
  complaintRevisitForm,
  dailyRecordForm,
  dailyRecordCommentForm,
]);

const byKey = new Map(forms.map((form) => [form.key, form]));

/** The form registered under `key`, or `undefined` when there is none. */
export function getForm(key: string): FormDefinition | undefined {
  return byKey.get(key);
}

/** Summary for form pickers and `GET /api/forms`. */
export function listForms(): { key: string; version: number; title: Record<Locale, string> }[] {
  return forms.map(({ key, version, title }) => ({ key, version, title }));
}
