import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'An amount of money in integer minor units (cents) and its ISO 4217 currency' })
export class Money {
  @Field(() => Int, { description: 'Minor units (cents); never a float' })
  amount!: number;

  @Field()
  currency!: string;
}
