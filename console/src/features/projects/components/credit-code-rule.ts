import type { Rule } from 'antd/es/form';
import { creditCodeMessage } from '@/lib/credit-code';

/** A form rule: the GB 32100-2015 check of a unified social credit code, computed in the browser. */
export const creditCodeRule: Rule = {
  validator: async (_, value: string | undefined) => {
    if (!value) throw new Error('请填写统一社会信用代码');
    const message = creditCodeMessage(value);
    if (message) throw new Error(message);
  },
};
