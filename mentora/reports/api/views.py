"""The reports endpoints: a program's dashboard, its comparison by group and exports (its
managers only), and a person's own progress."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.lib.api import ApiView
from mentora.lib.api_responses import reading
from mentora.reports import exports, groups, selectors
from mentora.reports.access import access_dashboard
from mentora.reports.api.serializers import (
    DashboardSerializer,
    ExportFilters,
    GroupComparisonSerializer,
    GroupFilters,
    ProgressSerializer,
)


class DashboardView(ApiView[Any]):
    serializer_class = DashboardSerializer

    @extend_schema(
        summary="A program's dashboard figures (its managers only)",
        responses=reading(DashboardSerializer, forbidden=True),
    )
    def get(self, request: Request, program_id: int) -> Response:
        program = access_dashboard(user=self.user, program_id=program_id).obj
        return Response(
            self.output(selectors.program_dashboard(program=program), DashboardSerializer)
        )


class GroupComparisonView(ApiView[Any]):
    serializer_class = GroupComparisonSerializer

    @extend_schema(
        summary="Match rate and satisfaction by self-identified group (groups of 5 or more), "
        "released with protective noise",
        parameters=[GroupFilters],
        responses=reading(GroupComparisonSerializer, bad_request=True, forbidden=True),
    )
    def get(self, request: Request, program_id: int) -> Response:
        program = access_dashboard(user=self.user, program_id=program_id).obj
        filters = self.query_filters(GroupFilters)
        comparison = groups.group_comparison(program=program, dimension=filters["dimension"])
        return Response(self.output(comparison, GroupComparisonSerializer))


class ExportView(ApiView[Any]):
    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # The answer is a file whatever the Accept header says; errors are JSON.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        summary="Download one dataset of a program as CSV or XLSX (its managers only)",
        parameters=[
            OpenApiParameter(
                "dataset",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=list(exports.DATASETS),
                description="participants, relationships, meetings, responses or survey_totals.",
            ),
            ExportFilters,
        ],
        responses=reading(
            {
                (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY, description="CSV, UTF-8"),
                (200, exports.CONTENT_TYPES["xlsx"]): OpenApiResponse(
                    OpenApiTypes.BINARY, description="An Excel workbook"
                ),
            },
            bad_request=True,
            forbidden=True,
        ),
    )
    def get(
        self, request: Request, program_id: int, dataset: str
    ) -> StreamingHttpResponse | FileResponse:
        program = access_dashboard(user=self.user, program_id=program_id, to="export").obj
        filters = self.query_filters(ExportFilters)
        export = exports.program_export(
            program=program,
            exported_by=self.user,
            dataset=dataset,
            file_format=filters["file_type"],
            pseudonymise=filters["pseudonymise"],
        )
        return exports.export_response(export)


class MyProgressView(ApiView[Any]):
    serializer_class = ProgressSerializer

    @extend_schema(
        summary="Your own benefit scores over time and goals, per program you take part in",
        responses=reading(ProgressSerializer(many=True), forbidden=True),
    )
    def get(self, request: Request) -> Response:
        progress = selectors.participant_progress(user=self.user)
        return Response(ProgressSerializer(progress, many=True).data)
