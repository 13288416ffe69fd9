import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

export class CreateAuthTables1764100000000 implements MigrationInterface {
  name = 'CreateAuthTables1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'oauth_client',
        columns: [
          { name: 'client_id', type: 'varchar', length: '100', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'secret_hash', type: 'varchar', length: '200', isNullable: true },
          { name: 'jwks', type: 'text', isNullable: true },
          { name: 'allowed_scopes', type: 'text' },
          { name: 'tier', type: 'varchar', length: '20' },
          { name: 'patient_id', type: 'varchar', length: '128', isNullable: true },
          { name: 'may_delegate', type: 'boolean' },
          { name: 'contact', type: 'varchar', length: '200', isNullable: true },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'secret_rotated_at', type: 'varchar', length: '30', isNullable: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'signing_key',
        columns: [
          { name: 'kid', type: 'varchar', length: '64', isPrimary: true },
          { name: 'alg', type: 'varchar', length: '10' },
          { name: 'private_jwk', type: 'text' },
          { name: 'public_jwk', type: 'text' },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'retired_at', type: 'varchar', length: '30', isNullable: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'used_client_assertion',
        columns: [
          { name: 'client_id', type: 'varchar', length: '100', isPrimary: true },
          { name: 'jti', type: 'varchar', length: '200', isPrimary: true },
          { name: 'expires_at', type: 'integer' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('used_client_assertion');
    await queryRunner.dropTable('signing_key');
    await queryRunner.dropTable('oauth_client');
  }
}
