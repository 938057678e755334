import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApiError } from './api-error';

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** A path id that could never name a stream cannot exist: 404, before any read. */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!ID_PATTERN.test(value)) throw new ApiError(404, 'not_found', `no resource has the id '${value.slice(0, 80)}'`);
    return value;
  }
}
