import type { EventBridgeEvent } from 'aws-lambda';
import { clock } from '../../shared/clock.js';
import { verifyUploadedObject } from '../../shared/usecases/verify-upload.js';

interface ObjectCreated {
  bucket: { name: string };
  object: { key: string; size?: number };
}

/**
 * S3 "Object Created" (through EventBridge): check the uploaded bytes against what the unit declared. The object's
 * arrival (the event's time) decides on time or late; the decision is dated by the handlers' one clock.
 */
export async function handler(event: EventBridgeEvent<'Object Created', ObjectCreated>) {
  const key = decodeURIComponent(event.detail.object.key.replace(/\+/g, ' '));
  return { key, outcome: await verifyUploadedObject(key, new Date(event.time), clock.now()) };
}
