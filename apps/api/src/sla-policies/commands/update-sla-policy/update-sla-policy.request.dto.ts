import { SlaPolicyDefinitionDto } from '../../sla-policy-definition.dto';

/** The whole new definition; tickets already open keep the targets they copied. */
export class UpdateSlaPolicyRequest extends SlaPolicyDefinitionDto {}
