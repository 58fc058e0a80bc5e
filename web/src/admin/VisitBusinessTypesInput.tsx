import TextField from '@mui/material/TextField';
import { useSession } from '../session';
import { parseRule, ruleText } from './settingsDraft';
import { VisitRuleRows, type VisitRuleListProps } from './VisitRuleRows';

/** The business types of the demo and the import's examples, offered as the field is typed (any other may be typed). */
const KNOWN_BUSINESS_TYPES = ['convenience', 'supermarket', 'tobacco_liquor', 'grocery', 'other'] as const;

/** 差异化服务's business-type rules as rows: the 业态 and how often, over the tier band; rows may be added and removed. */
export function VisitBusinessTypesInput(props: VisitRuleListProps) {
  const { t } = useSession();
  const name = (i: number) => t('visitPlan.rule', { n: i + 1 });
  return (
    <VisitRuleRows<ReturnType<typeof parseRule>> {...props} parse={parseRule} format={ruleText} blank={{ businessType: '', every: 'week' }} minRows={0} name={name}
      addLabel={t('visitPlan.rule.add')} testId="visit-business-types"
      fields={(rule, i, change) => (
        <TextField size="small" label={t('visitPlan.rule.businessType')} value={rule.businessType} disabled={props.disabled} error={props.error}
          sx={{ flex: '1 1 120px', minWidth: 0 }} onChange={(e) => change({ businessType: e.target.value })}
          slotProps={{ htmlInput: {
            list: 'visit-business-types', autoCapitalize: 'none', spellCheck: false,
            'aria-label': `${name(i)} ${t('visitPlan.rule.businessType')}`,
          } }} />
      )}>
      <datalist id="visit-business-types">
        {KNOWN_BUSINESS_TYPES.map((type) => <option key={type} value={type}>{t(`business.${type}`)}</option>)}
      </datalist>
    </VisitRuleRows>
  );
}
