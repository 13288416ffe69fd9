import { it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { write837Institutional } from './loops/837-institutional.writer';
import { write837Professional } from './loops/837-professional.writer';
import * as ex from './examples/demo-hospital.examples';
import { readX12 } from './x12-reader';
it('prints', () => {
  const i = readX12(write837Institutional([ex.SCENARIO_1_CLAIM], ex.DEMO_837_OPTIONS));
  console.log(JSON.stringify(i.issues, null, 1), JSON.stringify(i.interchanges[0]?.groups[0]?.transactionSets[0]?.content, null, 1));
  const p = readX12(write837Professional([ex.SCENARIO_6_CORRECTED_CLAIM, ex.SCENARIO_3_CLAIM], ex.DEMO_837_OPTIONS));
  console.log(JSON.stringify(p.issues, null, 1));
  const dir = '/work/shared/fixtures/x12/';
  for (const f of readdirSync(dir).filter((f) => f.includes('837') || f.includes('X22') || f.includes('x223'))) {
    const r = readX12(readFileSync(dir + f));
    console.log(f, r.issues.map((i) => `${i.severity} ${i.code} ${i.message} @${i.location.segmentPosition}/${i.location.elementPosition ?? ''}`).join('\n  '));
  }
});
