import type { Locale } from '../../forms/formDefinition.js';

/** Every message the API sends to a person, in both languages. `{name}` is filled from params. */
const MESSAGES = {
  unauthenticated: { 'zh-CN': '请先登录', en: 'Please sign in' },
  badCredentials: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  loginThrottled: {
    'zh-CN': '登录失败次数过多，已暂时锁定，请 {minutes} 分钟后再试',
    en: 'Too many failed sign-ins: locked for now, please try again in {minutes} min',
  },
  crossSiteRequest: {
    'zh-CN': '已拒绝来自其他网站的请求：请在本系统页面中操作',
    en: 'Refused a request from another website: please use this app\'s own pages',
  },
  forbidden: { 'zh-CN': '您无权执行此操作', en: 'You are not allowed to do this' },
  notFound: { 'zh-CN': '未找到{what}', en: '{what} not found' },
  invalidInput: { 'zh-CN': '提交的内容有误，请检查标出的字段', en: 'Some fields are invalid; please check them' },
  invalidJson: { 'zh-CN': '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  badRequestBody: { 'zh-CN': '请求内容无法处理（过大或编码不支持）', en: 'The request body cannot be processed (too large or unsupported encoding)' },
  required: { 'zh-CN': '为必填项', en: 'is required' },
  notYourCustomer: { 'zh-CN': '只能为自己负责的客户提出调整建议', en: 'You can only propose changes for your own customers' },
  customerMissing: { 'zh-CN': '客户不存在', en: 'Customer does not exist' },
  sameTier: { 'zh-CN': '建议档位与当前档位相同', en: 'The proposed tier equals the current tier' },
  deadlinePast: { 'zh-CN': '期限不能早于今天', en: 'The deadline cannot be before today' },
  userMissing: { 'zh-CN': '找不到该用户或已停用', en: 'No such active user' },
  actionReason: { 'zh-CN': '请写明理由（2–500 字）', en: 'Give a reason (2–500 characters)' },
  taskHeld: { 'zh-CN': '正在等待加签人的意见，之后才能办理', en: 'Waiting for the signer added before you; you can decide after them' },
  selfAssignment: { 'zh-CN': '不能交办给自己', en: 'You cannot assign a task to yourself' },
  extensionTooLate: { 'zh-CN': '已过期限，不能再申请延期', en: 'The deadline has passed: an extension can no longer be asked for' },
  extensionNotLater: { 'zh-CN': '新期限须晚于当前期限', en: 'The new deadline must be later than the current one' },
  trackMissing: { 'zh-CN': '找不到该承办记录', en: 'No such assignee on this task' },
  noSupervisor: { 'zh-CN': '您的账号未设置主管，无法提交审批', en: 'Your account has no supervisor to approve this' },
  regradeOpen: { 'zh-CN': '该客户已有一个进行中的分档调整', en: 'This customer already has an open regrade' },
  taskClosed: { 'zh-CN': '该任务已办结或已取消', en: 'This task is already completed or cancelled' },
  taskClaimed: { 'zh-CN': '该任务已被 {name} 签收', en: 'This task has been claimed by {name}' },
  notClaimant: { 'zh-CN': '只有签收人可以退回签收', en: 'Only the user who claimed the task can release it' },
  selfDecision: { 'zh-CN': '不能审批自己提交的事项', en: 'You cannot decide on your own proposal' },
  badOutcome: { 'zh-CN': '审批结果只能是：{allowed}', en: 'The outcome must be one of: {allowed}' },
  noOutcome: { 'zh-CN': '此任务不需要审批结果', en: 'This task takes no outcome' },
  unavailable: { 'zh-CN': '服务暂时不可用，请稍后重试', en: 'The service is unavailable; please try again shortly' },
  internal: { 'zh-CN': '服务器内部错误', en: 'Internal server error' },
  unknownProcess: { 'zh-CN': '未知的流程：{key}', en: 'Unknown process: {key}' },
  actionTarget: { 'zh-CN': '此任务不能交给所选的人', en: 'The task cannot go to the chosen user' },
  fixedField: { 'zh-CN': '此项在本环节不可修改', en: 'This field cannot be changed at this step' },
  notStarter: { 'zh-CN': '只有发起人可以撤回', en: 'Only the person who started it can withdraw it' },
  alreadyDecided: { 'zh-CN': '该申请已有结论或已结束，无法撤回', en: 'This request is already decided or ended and cannot be withdrawn' },
  requestIdReused: { 'zh-CN': '该请求编号已用于另一项申请', en: 'This requestId was already used for another request' },
  requestIdMissing: { 'zh-CN': '缺少请求编号 requestId', en: 'requestId is required' },
  notOneOf: { 'zh-CN': '取值只能是：{allowed}', en: 'must be one of: {allowed}' },
  notDate: { 'zh-CN': '应为日期', en: 'must be a date' },
  notBoolean: { 'zh-CN': '只能是 true 或 false', en: 'must be true or false' },
  notPositiveInt: { 'zh-CN': '应为正整数', en: 'must be a positive integer' },
  nulCharacter: { 'zh-CN': '不能包含空字符（U+0000）', en: 'must not contain the NUL character (U+0000)' },
  hazardNotFound: { 'zh-CN': '未找到该隐患', en: 'Hazard not found' },
  webhookUrl: { 'zh-CN': '应为以 http:// 或 https:// 开头、不超过 {max} 个字符的网址', en: 'must be an http:// or https:// URL of at most {max} characters' },
  webhookSecret: { 'zh-CN': '密钥应为 {min} 到 {max} 个字符', en: 'must be a secret of {min} to {max} characters' },
  webhookKinds: { 'zh-CN': '应为非空列表，取值只能是：{allowed}', en: 'must be a non-empty list of: {allowed}' },
  webhookUrlRefused: {
    'zh-CN': '不能指向本机、内网或保留地址；如需使用内网中转服务，请联系管理员加入允许列表',
    en: 'must not point to this server, an internal network or a reserved address; for an internal relay, ask an administrator to allow it',
  },
  webhookRedirected: { 'zh-CN': '接收方要求重定向（HTTP {code}），Webhook 不跟随重定向', en: 'The receiver answered with a redirect (HTTP {code}); webhooks do not follow redirects' },
  webhookRejected: { 'zh-CN': '接收方拒绝了请求（HTTP {code}），请检查网址和签名校验', en: 'The receiver rejected the request (HTTP {code}); check the URL and its signature check' },
  webhookServerError: { 'zh-CN': '接收方出错（HTTP {code}）', en: 'The receiver failed (HTTP {code})' },
  webhookRefused: { 'zh-CN': '网址指向本机、内网或保留地址，未发送', en: 'The URL points to this server, an internal network or a reserved address: not sent' },
  webhookTimeout: { 'zh-CN': '接收方未在 {seconds} 秒内应答', en: 'The receiver did not answer within {seconds} s' },
  webhookUnreachable: {
    'zh-CN': '无法连接接收方（域名无法解析、连接失败或 TLS 错误）',
    en: 'The receiver could not be reached (unknown name, failed connection or TLS error)',
  },
  webhookDisabled: { 'zh-CN': 'Webhook 已停用，未发送', en: 'The webhook was disabled: not sent' },
  webhookRemoved: { 'zh-CN': 'Webhook 已删除，未发送', en: 'The webhook was removed: not sent' },
  learningDateFuture: { 'zh-CN': '学习日期不能晚于今天', en: 'The date cannot be after today' },
  exportTooLarge: {
    'zh-CN': '符合条件的隐患超过 {max} 条，无法一次导出，请缩小筛选范围',
    en: 'More than {max} hazards match, too many for one export; please narrow the filter',
  },
  filterName: { 'zh-CN': '名称不能为空，且不超过 {max} 个字符', en: 'must be a name of 1 to {max} characters' },
  notObject: { 'zh-CN': '应为对象', en: 'must be an object' },
  unknownFilter: { 'zh-CN': '不支持的筛选条件', en: 'is not a known filter' },
  filterValue: { 'zh-CN': '应为不超过 {max} 个字符的文本', en: 'must be text of at most {max} characters' },
  tooManyFilters: { 'zh-CN': '最多只能保存 {max} 个筛选', en: 'At most {max} filters can be saved' },
  calendarDate: { 'zh-CN': '应为有效日期（YYYY-MM-DD）', en: 'must be a valid date (YYYY-MM-DD)' },
  calendarYear: { 'zh-CN': '应为四位数年份', en: 'must be a four-digit year' },
  calendarMonth: { 'zh-CN': '应为有效月份（YYYY-MM）', en: 'must be a valid month (YYYY-MM)' },
  holidayOnWeekend: { 'zh-CN': '该日为周末，本就休息，不能设为节假日', en: 'is a weekend day, which is off anyway: it cannot be a holiday' },
  workdayOnWeekday: { 'zh-CN': '该日为工作日，本就上班，不能设为调休上班日', en: 'is a weekday, which is worked anyway: it cannot be an adjusted working day' },
  fileTooLarge: { 'zh-CN': '文件过大，不能超过 {max}', en: 'The file is too large; at most {max} is allowed' },
  attachmentFileMissing: {
    'zh-CN': '该附件的文件不在本服务器上（各服务器未共用文件目录？），请联系管理员',
    en: 'This attachment\'s file is not on this server (do the servers share one file folder?); please tell an administrator',
  },
  fileType: { 'zh-CN': '不支持的文件类型 {type}，允许：{allowed}', en: 'File type {type} is not accepted; allowed: {allowed}' },
  fileContent: { 'zh-CN': '文件内容与声明的类型 {type} 不符', en: 'The file\'s content is not of its declared type {type}' },
  fileEmpty: { 'zh-CN': '文件为空', en: 'The file is empty' },
  fileName: {
    'zh-CN': '文件名不能为空，不超过 {max} 个字符，且不能包含路径分隔符或控制字符',
    en: 'must be a file name of 1 to {max} characters, without path separators or control characters',
  },
  attachmentUnusable: {
    'zh-CN': '附件 {id} 不存在，或不能用于此流程',
    en: 'Attachment {id} does not exist or cannot be used here',
  },
  importNotUtf8: {
    'zh-CN': '文件不是 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后重试',
    en: 'The file is not UTF-8: save it as "CSV UTF-8 (comma delimited)" and try again',
  },
  importQuote: { 'zh-CN': '引号没有闭合', en: 'A quote is never closed' },
  importColumnMissing: { 'zh-CN': '缺少必填列“{label}”（{key}）', en: 'The required column "{label}" ({key}) is missing' },
  importColumnTwice: { 'zh-CN': '列“{label}”出现了多次', en: 'The column "{label}" appears more than once' },
  importNoRows: { 'zh-CN': '文件中没有数据行', en: 'The file has no data rows' },
  importTooManyRows: { 'zh-CN': '一个文件最多 {max} 行数据', en: 'A file may have at most {max} data rows' },
  importRow: { 'zh-CN': '第 {row} 行', en: 'Row {row}' },
  importDuplicate: { 'zh-CN': '与第 {row} 行重复', en: 'is the same as in row {row}' },
  importCode: {
    'zh-CN': '应为 1–{max} 位字母、数字、点、横线或下划线',
    en: 'must be 1–{max} letters, digits, dots, dashes or underscores',
  },
  importText: { 'zh-CN': '不能超过 {max} 个字符', en: 'must be at most {max} characters' },
  importPriceClass: { 'zh-CN': '应为 1–5 或 一类…五类', en: 'must be 1–5 or 一类…五类 (class 1–5)' },
  importPrice: {
    'zh-CN': '应为大于 0、不超过 {max}、最多两位小数的金额（元/条）',
    en: 'must be an amount above 0 and at most {max}, with at most 2 decimals (yuan per carton)',
  },
  importCartons: { 'zh-CN': '应为 0 到 {max} 之间的整数（条）', en: 'must be a whole number of cartons from 0 to {max}' },
  importYesNo: { 'zh-CN': '应为“是”或“否”', en: 'must be yes or no (是/否)' },
  importUnknownProduct: { 'zh-CN': '“{code}”不在规格列表中', en: '"{code}" is not in the product list' },
  importInactiveProduct: { 'zh-CN': '“{code}”已停用', en: '"{code}" is no longer active' },
  allocationMonth: { 'zh-CN': '应为 YYYY-MM 格式的月份', en: 'must be a month, YYYY-MM' },
  allocationNoAvailability: { 'zh-CN': '该月尚未导入可供量', en: 'No availability has been imported for this month' },
  allocationCycleOpen: { 'zh-CN': '{month} 已有进行中的月度货源投放', en: 'An allocation cycle for {month} is already running' },
  allocationPlanClosed: { 'zh-CN': '该方案已不在调整阶段，不能再修改', en: 'This plan is no longer under review and cannot be changed' },
  allocationNotOwnCustomer: { 'zh-CN': '第 {row} 行：不是您负责的客户', en: 'row {row}: not one of your customers' },
  allocationUnknownProduct: { 'zh-CN': '第 {row} 行：本月方案中没有规格 {product}', en: 'row {row}: product {product} is not in this month\'s plan' },
  allocationDuplicateLine: { 'zh-CN': '第 {row} 行：规格 {product} 对该客户重复调整', en: 'row {row}: product {product} is adjusted twice for this customer' },
  allocationOutOfBound: {
    'zh-CN': '第 {row} 行：规格 {product} 调整后应在 {min}–{max} 条之间（测算 {drafted} 条，允许 ±{bound}%）',
    en: 'row {row}: product {product} must stay within {min}–{max} cartons (drafted {drafted}, ±{bound}%)',
  },
  allocationNotPublished: { 'zh-CN': '{month} 的投放方案尚未发布', en: 'The allocation plan for {month} has not been published' },
  allocationNoVersion: { 'zh-CN': '{month} 没有第 {version} 版投放方案', en: 'There is no version {version} of the allocation plan for {month}' },
  allocationOverTotal: {
    'zh-CN': '第 {row} 行：规格 {product} 调整后合计 {total} 条，超过您的测算合计 {max} 条',
    en: 'row {row}: product {product} totals {total} cartons, above your drafted total of {max}',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof MESSAGES;

/** The message `key` in `locale`, with `{name}` placeholders filled in. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return MESSAGES[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** "must be one of …" with `allowed` listed as the language lists things. */
export function notOneOf(locale: Locale, allowed: readonly string[]): string {
  return t(locale, 'notOneOf', { allowed: allowed.join(locale === 'en' ? ', ' : '、') });
}

/** Names of things for `notFound`. */
export const THINGS = {
  task: { 'zh-CN': '任务', en: 'Task' },
  instance: { 'zh-CN': '流程实例', en: 'Process instance' },
  customer: { 'zh-CN': '客户', en: 'Customer' },
  form: { 'zh-CN': '表单', en: 'Form' },
  route: { 'zh-CN': '接口', en: 'Route' },
  filter: { 'zh-CN': '筛选', en: 'Saved filter' },
  attachment: { 'zh-CN': '附件', en: 'Attachment' },
  notification: { 'zh-CN': '通知', en: 'Notification' },
  webhook: { 'zh-CN': 'Webhook 设置', en: 'Webhook' },
  track: { 'zh-CN': '承办记录', en: 'Assignee track' },
} as const satisfies Record<string, Record<Locale, string>>;
