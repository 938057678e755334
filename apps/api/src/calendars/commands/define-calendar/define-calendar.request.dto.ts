import { IntersectionType } from '@nestjs/swagger';
import { CreateRequest } from '../../../shared/common.dto';
import { CalendarDefinitionDto } from '../../calendar-definition.dto';

export class DefineCalendarRequest extends IntersectionType(CreateRequest, CalendarDefinitionDto) {}
