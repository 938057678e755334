import { IntersectionType } from '@nestjs/swagger';
import { CreateRequest } from '../../../shared/common.dto';
import { SlaPolicyDefinitionDto } from '../../sla-policy-definition.dto';

export class DefineSlaPolicyRequest extends IntersectionType(CreateRequest, SlaPolicyDefinitionDto) {}
