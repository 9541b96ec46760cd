import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'email' })
  field: string;

  @ApiProperty({ type: [String], example: ['email must be an email'] })
  messages: string[];
}

/** RFC 9457 problem details as documented in OpenAPI. */
export class ProblemDetailsDto {
  @ApiProperty({ example: 'https://myhibachi.com/problems/validation-failed' })
  type: string;

  @ApiProperty({ example: 'Validation failed' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ example: 'One or more fields are invalid.' })
  detail: string;

  @ApiPropertyOptional({ example: '/api/v1/bookings' })
  instance?: string;

  @ApiProperty({ description: 'Stable machine-readable error code', example: 'validation_failed' })
  code: string;

  @ApiPropertyOptional({ description: 'Correlates with server logs and the X-Request-Id header' })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}
