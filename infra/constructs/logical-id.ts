import { CfnElement, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * The CloudFormation logical id of an L2 construct's main resource. cdk-nag names IAM wildcard findings after it
 * (`Resource::<Table1234.Arn>/index/*`), so acknowledging exactly one finding needs it.
 */
export function logicalIdOf(construct: IConstruct): string {
  const resource = construct.node.defaultChild;
  if (!(resource instanceof CfnElement)) {
    throw new Error(`${construct.node.path} has no CloudFormation resource of its own`);
  }
  return Stack.of(construct).getLogicalId(resource);
}
