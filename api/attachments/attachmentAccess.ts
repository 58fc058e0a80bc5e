import { accessTable } from '../http/accessTable.js';
import { attachmentApi } from './attachmentApi.js';

/*
 * An upload for a task is for who may act on it now (sup1 on the review task; not the proposer mgr1,
 * not the managing roles who only read it). A file no form uses yet is its uploader's alone, admins
 * included; once linked (mgr1's hazard photo) it is read by whoever may see that instance.
 */
export const attachmentAccess = accessTable(attachmentApi, {
  uploadAttachment: {
    request: { path: '/api/attachments?name=%E7%8E%B0%E5%9C%BA.png&taskId={reviewTask}', file: { contentType: 'image/png', samplePng: true } },
    expect: { anonymous: 401, mgr1: 403, mgr4: 403, sup1: 201, sup2: 403, head: 403, safety: 403, leader: 403, admin: 403 },
  },
  getAttachment: {
    request: { path: '/api/attachments/{mgr1Draft}/meta' },
    expect: { anonymous: 401, mgr1: 200, mgr4: 403, sup1: 403, sup2: 403, head: 403, safety: 403, leader: 403, admin: 403 },
  },
  downloadAttachment: {
    request: { path: '/api/attachments/{hazardPhoto}' },
    expect: { anonymous: 401, mgr1: 200, mgr4: 403, sup1: 200, sup2: 403, head: 200, safety: 200, leader: 200, admin: 200 },
  },
});
