"""Shared code of the workshop's Spark labs.

One definition of the event schema (:mod:`workshop.schema`) and of the classification rules
(:mod:`workshop.rules`), used by the simulator, the batch job, the streaming job, the serving
job, the tests and the site (through the JSON files that :mod:`workshop.export_contract` writes).
"""

CONTRACT_VERSION = 1
